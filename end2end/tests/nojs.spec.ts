import { expect, test } from "@playwright/test";
import { tid } from "./helpers";

test("home page is readable without JavaScript", async ({ page }) => {
  await page.goto("/es/");
  await expect(page.locator("h1")).toBeVisible();
  await expect(page.locator(`${tid("figure-countries")} .figure__value`)).toHaveText("7");
  await expect(page.locator(tid("next-event"))).toBeVisible();
});

test("the country form works without JavaScript", async ({ page }) => {
  await page.goto("/en/");
  await page.locator(tid("country-select")).selectOption("HN");
  await page.locator(`${tid("country-form")} button[type=submit]`).click();
  await expect(page).toHaveURL(/\?country=HN$/);
  await expect(page.locator(tid("country-profile"))).toHaveAttribute("data-country", "HN");
});

test("the language switch is a plain link", async ({ page }) => {
  await page.goto("/en/about");
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(/\/es\/about$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
});

test("about page is complete without JavaScript", async ({ page }) => {
  await page.goto("/en/about");
  await expect(page.locator(tid("about-members")).locator("tbody tr")).toHaveCount(14);
  await expect(page.locator(tid("about-countries")).locator("tbody tr")).toHaveCount(7);
});

test("signing in and out works as plain form posts", async ({ page }) => {
  const email = process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.test";
  const password = process.env.E2E_ADMIN_PASSWORD ?? "e2e admin passphrase";
  await page.goto("/es/login");
  await page.locator(tid("field-email")).fill(email);
  await page.locator(tid("field-password")).fill("wrong password here");
  await page.locator(tid("login-submit")).click();
  await expect(page.locator(tid("login-error"))).toBeVisible();
  await page.locator(tid("field-email")).fill(email);
  await page.locator(tid("field-password")).fill(password);
  await page.locator(tid("login-submit")).click();
  await expect(page).toHaveURL(/\/es\/account$/);
  await expect(page.locator(tid("account-menu"))).toBeVisible();
  // The menu is a disclosure: it opens without JavaScript too.
  await page.locator(tid("account-summary")).click();
  await page.locator(tid("sign-out")).click();
  await expect(page).toHaveURL(/\/es\/$/);
  await expect(page.locator(tid("sign-in-link"))).toBeVisible();
});

test("the dashboard is readable without JavaScript: figures and every chart's table", async ({ page }) => {
  await page.goto("/en/dashboard");
  await expect(page.locator(`${tid("total-pledged")} .figure__value`)).toContainText("USD");
  for (const id of ["chart-donor", "chart-country", "chart-pillar", "chart-mechanism", "chart-funnel", "chart-year", "chart-coverage", "chart-map", "chart-flow"]) {
    await expect(page.locator(`${tid(id)} table tbody tr`).first()).toBeVisible();
  }
  // No script ran, so no chart was drawn and nothing offers a PNG.
  await expect(page.locator("canvas")).toHaveCount(0);
  await expect(page.locator(tid("chart-donor-png"))).toHaveCount(0);
});

test("dashboard filters work without JavaScript through the form's button", async ({ page }) => {
  await page.goto("/en/dashboard");
  await page.locator(tid("filter-country")).selectOption("SV");
  await page.locator(tid("filter-apply")).click();
  await expect(page).toHaveURL(/[?&]country=SV/);
  const rows = page.locator(`${tid("chart-country")} table tbody tr`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("El Salvador");
});

test("practice search and facets work without JavaScript", async ({ page }) => {
  await page.goto("/en/practices");
  await page.locator(tid("practice-q")).fill("educacion");
  await page.locator(`${tid("practice-search")} button[type=submit]`).click();
  await expect(page).toHaveURL(/\?q=educacion/);
  await expect(page.locator(tid("practice-result"))).toHaveCount(2);
  await page.locator(tid("facet-country-MX")).click();
  await expect(page).toHaveURL(/country=MX/);
  await expect(page.locator(tid("practice-result"))).toHaveCount(1);
  // The text search keeps the chosen facet.
  await page.locator(tid("practice-q")).fill("escolar");
  await page.locator(`${tid("practice-search")} button[type=submit]`).click();
  await expect(page).toHaveURL(/country=MX/);
  await expect(page.locator(tid("practice-result"))).toHaveCount(1);
});

test("the inventory matrix and a country's entries are readable without JavaScript", async ({ page }) => {
  await page.goto("/es/inventory");
  await expect(page.locator(`${tid("inventory-matrix")} tbody tr`)).toHaveCount(11);
  await page.locator(tid("matrix-country-PA")).click();
  await expect(page).toHaveURL(/\/es\/inventory\/PA$/);
  await expect(page.locator(tid("inventory-entry"))).toHaveCount(5);
});

test("the events agenda, its filters, an event page and the month view work without JavaScript", async ({ page }) => {
  await page.goto("/en/events");
  await expect(page.locator(tid("event-list"))).toBeVisible();
  await page.locator(tid("tab-past")).click();
  await expect(page).toHaveURL(/when=past/);
  await page.locator("#ef-kind").selectOption("annual_meeting");
  await page.locator(tid("apply-filters")).click();
  await expect(page).toHaveURL(/kind=annual_meeting/);
  await expect(page.locator(tid("event-list"))).toContainText("Seventh MIRPS Annual Meeting");
  await page.locator(tid("event-list")).getByRole("link", { name: "Seventh MIRPS Annual Meeting" }).click();
  await expect(page.locator(tid("event-when"))).toHaveText("5 Dec 2024");
  await expect(page.locator(tid("registration"))).toBeVisible();
  await page.goto("/en/events?kind=learning_workshop&country=CR");
  await page.locator(tid("event-list")).getByRole("link").first().click();
  await expect(page.locator(tid("sign-in-to-register"))).toBeVisible();
  await page.goto("/en/events/calendar?month=2027-02");
  await expect(page.locator(tid("day-2027-02-16"))).toContainText("Local Governance Working Group meeting");
});

test("a personal calendar feed made without JavaScript shows its address once", async ({ page }) => {
  const email = process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.test";
  const password = process.env.E2E_ADMIN_PASSWORD ?? "e2e admin passphrase";
  await page.goto("/en/login");
  await page.locator(tid("field-email")).fill(email);
  await page.locator(tid("field-password")).fill(password);
  await page.locator(tid("login-submit")).click();
  await expect(page).toHaveURL(/\/en\/account$/);

  await page.goto("/en/events/mine");
  await expect(page.locator(tid("feed-url"))).toHaveCount(0);
  await page.locator(tid("reset-feed")).click();
  await expect(page).toHaveURL(/\/en\/events\/mine\??$/);
  const address = await page.locator(tid("feed-url")).inputValue();
  expect(address).toMatch(/^https?:\/\/[^/]+\/feeds\/[A-Za-z0-9_-]+\/events\.ics$/);
  const feed = await page.request.get(address);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  // Shown once: the secret is not kept for later visits.
  await page.reload();
  await expect(page.locator(tid("reset-feed"))).toBeVisible();
  await expect(page.locator(tid("feed-url"))).toHaveCount(0);
});
