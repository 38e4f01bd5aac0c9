import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, tid, waitForHydration } from "./helpers";

test("root redirects to the Spanish home page by default", async ({ browser }) => {
  for (const locale of ["es-CR", "fr-FR"]) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    const res = await page.goto("/");
    expect(res?.url()).toMatch(/\/es\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await ctx.close();
  }
});

test("root honours an English browser", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "en-GB" });
  const page = await ctx.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/en\/$/);
  await ctx.close();
});

test("home page shows live figures", async ({ page }) => {
  await page.goto("/es/");
  await expect(page.locator(`${tid("figure-countries")} .figure__value`)).toHaveText("7");
  await expect(page.locator(`${tid("figure-members")} .figure__value`)).toHaveText("14");
});

test("choosing a country updates the profile in place once hydrated", async ({ page }) => {
  await page.goto("/en/");
  await waitForHydration(page);
  // A marker on window survives only if the page is not reloaded.
  await page.evaluate(() => ((window as any).__noReload = true));
  await page.locator(tid("country-select")).selectOption("MX");
  const profile = page.locator(tid("country-profile"));
  await expect(profile).toHaveAttribute("data-country", "MX");
  await expect(page).toHaveURL(/\?country=MX$/);
  await page.locator(tid("country-select")).selectOption("PA");
  await expect(profile).toHaveAttribute("data-country", "PA");
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
});

test("the language switch keeps the current page and query", async ({ page }) => {
  await page.goto("/es/about");
  await waitForHydration(page);
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(/\/en\/about$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("h1")).toContainText("About MIRPS");

  await page.goto("/en/?country=CR");
  await waitForHydration(page);
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(/\/es\/\?country=CR$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.locator(tid("country-profile"))).toHaveAttribute("data-country", "CR");
});

test("an unknown page answers 404 with a translated page", async ({ page }) => {
  const res = await page.goto("/en/does-not-exist");
  expect(res?.status()).toBe(404);
  await expect(page.locator(tid("not-found"))).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const res2 = await page.goto("/zz/");
  expect(res2?.status()).toBe(404);
});

for (const path of ["/es/", "/en/", "/es/about", "/en/about", "/es/no-existe"]) {
  test(`axe finds no WCAG 2.1 AA violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await waitForHydration(page).catch(() => {});
    await expectNoAxeViolations(page);
  });
}
