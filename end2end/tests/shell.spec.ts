import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, secretariat, tid, waitForHydration } from "./helpers";

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

test("moving through every section inside the app loads each page's data", async ({ browser }) => {
  // Inside the app (not by loading an address) each page fetches its data through a server
  // function call, with its arguments encoded by the browser. An empty filter was once refused
  // as malformed there, and the dashboard and the contributions list showed an error instead.
  const page = await secretariat(browser);
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/rpc/") && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/en/");
  await waitForHydration(page);
  await page.evaluate(() => ((window as any).__noReload = true));
  const nav = page.locator(".site-nav");
  const sections: [string, string][] = [
    ["Dashboard", "dashboard-totals"],
    ["Contributions", "contributions-table"],
    ["Good practices", "practice-results"],
    ["Inventory", "inventory-matrix"],
    ["Events", "event-filters"],
    ["About MIRPS", "about-countries"],
  ];
  for (const [name, testId] of sections) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page.locator(tid(testId)).first(), name).toBeVisible();
    await expect(page.locator(".error-panel"), name).toHaveCount(0);
  }
  const menu: [string, string][] = [
    // Other tests may have registered this account for events meanwhile: either list will do.
    ["my-events-link", `${tid("my-registrations")}, ${tid("no-registrations")}`],
    ["users-link", tid("users-table")],
    ["audit-link", tid("audit-table")],
  ];
  for (const [link, loaded] of menu) {
    await page.locator(tid("account-summary")).click();
    await page.locator(tid(link)).click();
    await expect(page.locator(loaded).first(), link).toBeVisible();
    await expect(page.locator(".error-panel"), link).toHaveCount(0);
  }
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(/\/es\/admin\/audit/);
  await expect(page.locator(".error-panel")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  expect(failed).toEqual([]);
});

test("following results out of filtered lists keeps the app working", async ({ browser }) => {
  // A list page whose filter changed while its data was on the way read that filter after the
  // page had gone, and the app stopped (a panic) until the next full page load.
  const page = await secretariat(browser);
  const crashes: string[] = [];
  page.on("pageerror", (e) => crashes.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && m.text().includes("panicked")) crashes.push(m.text().split("\n")[0]);
  });
  await page.goto("/en/");
  await waitForHydration(page);
  const nav = page.locator(".site-nav");
  await nav.getByRole("link", { name: "Dashboard", exact: true }).click();
  await page.locator(tid("filter-donor")).selectOption({ index: 2 });
  await expect(page).toHaveURL(/donor=/);
  await nav.getByRole("link", { name: "Contributions", exact: true }).click();
  await page.locator(tid("filter-donor")).selectOption({ index: 1 });
  await expect(page).toHaveURL(/contributions\?donor=/);
  await page.locator(`${tid("contribution-row")} a`).first().click();
  await expect(page).toHaveURL(/contributions\/\d+$/);
  await nav.getByRole("link", { name: "Good practices", exact: true }).click();
  await page.locator('input[type="search"]').first().fill("empleo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/practices\?q=empleo/);
  await page.locator(`${tid("practice-results")} a`).first().click();
  await expect(page).toHaveURL(/practices\/\d+$/);
  await nav.getByRole("link", { name: "Inventory", exact: true }).click();
  await expect(page.locator(tid("inventory-matrix"))).toBeVisible();
  await page.locator(`${tid("inventory-matrix")} a`).first().click();
  await expect(page).toHaveURL(/inventory\/[A-Z]{2}$/);
  expect(crashes).toEqual([]);
});
