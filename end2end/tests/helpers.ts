import { Browser, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Selector for the data-test-id attribute the app puts on things tests need. */
export const tid = (id: string) => `[data-test-id="${id}"]`;

/** Resolves once the wasm has hydrated the page (the body gets data-hydrated). */
export async function waitForHydration(page: Page) {
  // A budget against a page that never hydrates (a panic), not a speed target.
  await page.waitForSelector("body[data-hydrated]", { state: "attached", timeout: 60_000 });
}

/**
 * Runs axe with the WCAG 2.1 A and AA rules and fails on any violation. Waits for hydration
 * first: while the browser takes over a server-rendered page the title is briefly replaced, and
 * axe run in that moment reports a document without a title.
 */
export async function expectNoAxeViolations(page: Page) {
  await waitForHydration(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, summary.join("\n")).toEqual([]);
}

export const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.test";
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e admin passphrase";
export const FOCAL_PASSWORD = "guatemala practices passphrase";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/en/login");
  await waitForHydration(page);
  await page.locator(tid("field-email")).fill(email);
  await page.locator(tid("field-password")).fill(password);
  await page.locator(tid("login-submit")).click();
  await expect(page).toHaveURL(/\/en\/account$/);
}

/** A signed-in page for the secretariat in a fresh browser context. */
export async function secretariat(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  return page;
}

/** Invites an account with `role` scoped by `field` (country or organisation) and accepts the
 * invitation; returns its signed-in page (the account named `name`). */
async function invited(browser: Browser, role: string, field: string, scope: string, name: string): Promise<Page> {
  const sec = await secretariat(browser);
  const email = `${role}-${scope.toLowerCase()}-${Date.now()}@e2e.test`;
  await sec.goto("/en/admin/users");
  await waitForHydration(sec);
  const form = sec.locator(tid("invite-form"));
  await form.locator(tid("field-email")).fill(email);
  await form.locator(tid("field-role")).selectOption(role);
  await form.locator(tid(`field-${field}`)).selectOption(scope);
  await form.locator(tid("invite-submit")).click();
  const link = (await sec.locator(tid("invite-link")).textContent())!;
  await sec.context().close();

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(new URL(link).pathname);
  await waitForHydration(page);
  await page.locator(tid("field-display_name")).fill(name);
  await page.locator(tid("field-password")).fill(FOCAL_PASSWORD);
  await page.locator(tid("field-confirm_password")).fill(FOCAL_PASSWORD);
  await page.locator(tid("invitation-submit")).click();
  await expect(page).toHaveURL(/\/en\/account$/);
  return page;
}

/** Invites a focal point of `country` and accepts the invitation; returns their signed-in page. */
export async function focalPoint(browser: Browser, country: string): Promise<Page> {
  return invited(browser, "focal_point", "country", country, `Focal ${country}`);
}

/** Invites a member speaking for `organisation` (its code); returns their signed-in page. */
export async function member(browser: Browser, organisation: string): Promise<Page> {
  return invited(browser, "member", "organisation", organisation, `Member ${organisation}`);
}

