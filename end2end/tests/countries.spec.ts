import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, tid, waitForHydration } from "./helpers";

test("a country's page gathers its plan, money, inventory, practices, events and offers", async ({ browser, page }) => {
  await page.goto("/en/?country=GT");
  await waitForHydration(page);
  await page.locator(tid("country-page-link")).click();
  await expect(page).toHaveURL(/\/en\/countries\/GT$/);
  await expect(page.locator("h1")).toHaveText("Guatemala");
  await expect(page.locator(`${tid("country-lines")} tbody tr`).first()).toBeVisible();
  await expect(page.locator(tid("country-money-figures"))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator(tid("country-plan-link")).click();
  await expect(page).toHaveURL(/\/en\/plans\/GT$/);

  // Without JavaScript, in Spanish, on a phone: every section is there and nothing overflows.
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const nojs = await ctx.newPage();
  await nojs.goto("/es/countries/GT");
  await expect(nojs.locator("h1")).toHaveText("Guatemala");
  for (const id of ["country-plan", "country-money", "country-inventory", "country-practices", "country-events", "country-offers"]) {
    await expect(nojs.locator(`#${id} h2`)).toBeVisible();
  }
  const overflow = await nojs.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await ctx.close();
});
