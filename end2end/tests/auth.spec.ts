import { Browser, expect, Page, test } from "@playwright/test";
import { expectNoAxeViolations, tid, waitForHydration } from "./helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.test";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e admin passphrase";

async function signIn(page: Page, email: string, password: string, lang = "en") {
  await page.goto(`/${lang}/login`);
  await waitForHydration(page);
  await page.locator(tid("field-email")).fill(email);
  await page.locator(tid("field-password")).fill(password);
  await page.locator(tid("login-submit")).click();
}

test("sign in and sign out", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.locator(tid("account-role"))).toHaveText("Secretariat or chair");
  const menu = page.locator(tid("account-menu"));
  const summary = page.locator(tid("account-summary"));
  await expect(summary).toContainText("E2E Chair");
  // The menu is closed until opened; Escape closes it and gives the focus back.
  await expect(page.locator(tid("sign-out"))).toBeHidden();
  await summary.click();
  await expect(page.locator(tid("audit-link"))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press("Escape");
  await expect(page.locator(tid("audit-link"))).toBeHidden();
  await expect(summary).toBeFocused();
  // A click elsewhere closes it; following one of its links closes it on the new page.
  await summary.click();
  await page.locator("h1").first().click();
  await expect(page.locator(tid("users-link"))).toBeHidden();
  await summary.click();
  await page.locator(tid("my-events-link")).click();
  await expect(page).toHaveURL(/\/en\/events\/mine$/);
  await expect(menu).not.toHaveAttribute("open", /.*/);

  await summary.click();
  await page.locator(tid("sign-out")).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.locator(tid("sign-in-link"))).toBeVisible();
  // The account page now asks to sign in.
  const res = await page.goto("/en/account");
  expect(res?.status()).toBe(401);
  await expect(page.locator(tid("signin-needed"))).toBeVisible();
});

test("a wrong password says so and signs nobody in", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, "not the right password");
  await expect(page.locator(tid("login-error"))).toContainText("not correct");
  await expect(page).toHaveURL(/\/en\/login/);
  await expect(page.locator(tid("sign-in-link"))).toBeVisible();
  await expectNoAxeViolations(page);
});

async function inviteFocalPoint(browser: Browser, email: string): Promise<string> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/en\/account$/);
  await page.goto("/en/admin/users");
  await waitForHydration(page);
  const form = page.locator(tid("invite-form"));
  await form.locator(tid("field-email")).fill(email);
  await form.locator(tid("field-role")).selectOption("focal_point");
  await form.locator(tid("field-country")).selectOption("GT");
  await form.locator(tid("invite-submit")).click();
  const link = await page.locator(tid("invite-link")).textContent();
  expect(link).toMatch(/\/en\/invitation\/[A-Za-z0-9_-]{43}$/);
  await expect(page.locator(tid("invitations-table"))).toContainText(email);
  await expectNoAxeViolations(page);
  await ctx.close();
  return link!;
}

test("the secretariat invites a focal point who sets a password and is then refused admin pages", async ({ browser }) => {
  const email = `fp-${Date.now()}@e2e.test`;
  const link = await inviteFocalPoint(browser, email);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(new URL(link).pathname);
  await waitForHydration(page);
  await expect(page.locator(tid("invitation-email"))).toHaveText(email);
  await expectNoAxeViolations(page);
  // Too short first: a field error, nothing created.
  await page.locator(tid("field-display_name")).fill("Fernanda Pérez");
  await page.locator(tid("field-password")).fill("short");
  await page.locator(tid("field-confirm_password")).fill("short");
  await page.locator(tid("invitation-submit")).click();
  await expect(page.locator(tid("error-password"))).toContainText("at least 12");
  await page.locator(tid("field-password")).fill("guatemala focal passphrase");
  await page.locator(tid("field-confirm_password")).fill("guatemala focal passphrase");
  await page.locator(tid("invitation-submit")).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  await expect(page.locator(tid("account-scope"))).toHaveText("Guatemala");
  await expect(page).toHaveTitle("My account · MIRPS Hub");

  // The link is single use.
  const again = await page.goto(new URL(link).pathname);
  expect(again?.status()).toBe(404);
  await expect(page.locator(tid("invitation-invalid"))).toBeVisible();

  // A 403 that says what the focal point may do instead.
  const res = await page.goto("/en/admin/users");
  expect(res?.status()).toBe(403);
  await expect(page.locator(tid("forbidden"))).toBeVisible();
  await expect(page.locator(tid("forbidden-may"))).toContainText("Guatemala");
  await expectNoAxeViolations(page);
  await ctx.close();
});

test("the audit trail lists who did what and exports it", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/en\/account$/);
  await page.goto("/en/admin/audit?entity=invitation");
  await expect(page.locator(tid("audit-table"))).toContainText(ADMIN_EMAIL);
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(tid("audit-export")).click(),
  ]);
  expect(download.suggestedFilename()).toBe("mirps-hub-audit.csv");
});
