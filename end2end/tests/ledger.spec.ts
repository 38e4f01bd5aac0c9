import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations, tid, waitForHydration } from "./helpers";

const ADMIN_EMAIL = process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.test";
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e admin passphrase";

async function signIn(page: Page) {
  await page.goto("/en/login");
  await waitForHydration(page);
  await page.locator(tid("field-email")).fill(ADMIN_EMAIL);
  await page.locator(tid("field-password")).fill(ADMIN_PASSWORD);
  await page.locator(tid("login-submit")).click();
  await expect(page).toHaveURL(/\/en\/account$/);
}

/** Waits until ECharts has drawn into a chart's container. */
async function expectDrawn(page: Page, id: string) {
  await expect(page.locator(`#${id} canvas`).first()).toBeVisible({ timeout: 20_000 });
}

test("the dashboard draws every chart beside its data table", async ({ page }) => {
  await page.goto("/en/dashboard");
  await waitForHydration(page);
  await expect(page.locator(`${tid("total-pledged")} .figure__value`)).toContainText("USD");
  for (const id of [
    "chart-donor",
    "chart-country",
    "chart-pillar",
    "chart-mechanism",
    "chart-funnel",
    "chart-year",
    "chart-coverage",
    "chart-map",
    "chart-flow",
  ]) {
    await expectDrawn(page, id);
    // The data table is there, folded under the chart.
    await expect(page.locator(`${tid(id)} table tbody tr`)).not.toHaveCount(0);
    await expect(page.locator(`${tid(id)} details.chart-data`)).not.toHaveAttribute("open", /.*/);
  }
  await expect(page.locator(tid("stale-pledges"))).toBeVisible();
  await expectNoAxeViolations(page);
});

test("changing a filter updates charts and tables without reloading, and the URL can be shared", async ({
  page,
  browser,
}) => {
  await page.goto("/en/dashboard");
  await waitForHydration(page);
  await expectDrawn(page, "chart-country");
  // A marker that a full page load would wipe out.
  await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 42));
  const countryRows = page.locator(`${tid("chart-country")} table tbody tr`);
  expect(await countryRows.count()).toBeGreaterThan(1);
  const pledgedBefore = await page.locator(`${tid("total-pledged")} .figure__value`).textContent();

  await page.locator(tid("filter-country")).selectOption("GT");
  await expect(page).toHaveURL(/[?&]country=GT/);
  await expect(countryRows).toHaveCount(1);
  await expect(countryRows.first()).toContainText("Guatemala");
  await expect(page.locator(`${tid("total-pledged")} .figure__value`)).not.toHaveText(pledgedBefore!);
  await expectDrawn(page, "chart-country");
  expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(42);

  // The same view from the address alone, in a fresh browser.
  const url = page.url();
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(url);
  await waitForHydration(other);
  await expect(other.locator(tid("filter-country"))).toHaveValue("GT");
  await expect(other.locator(`${tid("chart-country")} table tbody tr`)).toHaveCount(1);
  await expect(other.locator(`${tid("total-pledged")} .figure__value`)).toHaveText(
    (await page.locator(`${tid("total-pledged")} .figure__value`).textContent())!,
  );
  await ctx.close();
});

test("the CSV download holds exactly the filtered view, with HXL hashtags", async ({ page }) => {
  await page.goto("/en/dashboard?country=HN");
  await waitForHydration(page);
  const download = page.waitForEvent("download");
  await page.locator(tid("export-csv")).click();
  const file = await (await download).path();
  const lines = readFileSync(file!, "utf8").trim().split(/\r?\n/);
  expect(lines[1]).toContain("#org+name+funder");
  expect(lines[1]).toContain("#country+iso3");
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines.slice(2)) expect(line).toContain("HND");
});

test("a chart downloads as PNG", async ({ page }) => {
  await page.goto("/en/dashboard");
  await waitForHydration(page);
  await expectDrawn(page, "chart-pillar");
  const download = page.waitForEvent("download");
  await page.locator(tid("chart-pillar-png")).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe("mirps-hub-chart-pillar.png");
  const bytes = readFileSync((await d.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe("PNG");
});

test("contributions list filters, and a contribution shows its history", async ({ page }) => {
  await page.goto("/en/contributions?donor=ESP");
  await waitForHydration(page);
  const rows = page.locator(tid("contribution-row"));
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain("Spain");
  await expectNoAxeViolations(page);
  await rows.first().locator("a").first().click();
  await expect(page).toHaveURL(/\/en\/contributions\/\d+$/);
  await expect(page.locator(tid("donor"))).toContainText("Spain");
  await expect(page.locator(`${tid("steps")} tbody tr`).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the secretariat records a contribution; field errors come back translated", async ({ page }) => {
  await signIn(page);
  await page.goto("/en/contributions");
  await waitForHydration(page);
  await page.locator(tid("record-link")).click();
  await expect(page).toHaveURL(/\/en\/contributions\/new$/);
  await waitForHydration(page);
  const form = page.locator(tid("contribution-form"));
  await form.locator(tid("field-input[donor]")).selectOption("CAN");
  await form.locator(tid("field-input[recipient]")).selectOption("CR");
  await form.locator(tid("field-input[kind]")).selectOption("financial");
  await form.locator('[name="input[title_en]"]').fill("Canada: refugee-friendly hiring fund");
  await form.locator('[name="input[title_es]"]').fill("Canadá: fondo de contratación inclusiva");
  await form.locator(tid("field-input[currency]")).selectOption("CAD");
  await form.locator('[name="input[date]"]').fill("2026-05-04");
  await form.locator('[name="input[amount]"]').fill("-250000");
  await form.locator('[name="input[fx_rate]"]').fill("0.73");
  await form.locator(tid("contribution-submit")).click();
  await expect(page.locator(tid("error-input[amount]"))).toBeVisible();
  await expect(page).toHaveURL(/\/en\/contributions\/new$/);
  await expectNoAxeViolations(page);

  await form.locator('[name="input[amount]"]').fill("250000");
  await form.locator(tid("field-input[mechanism]")).selectOption("grant");
  await form.locator(tid("contribution-submit")).click();
  await expect(page).toHaveURL(/\/en\/contributions\/\d+$/);
  await expect(page.locator(tid("donor"))).toContainText("Canada");
  await expect(page.locator(tid("mechanism"))).toHaveText("Grant");
  await expect(page.locator(`${tid("steps")} tbody tr`)).toHaveCount(1);

  // Its description is edited on its own page; routing it through itself is refused.
  const id = page.url().match(/(\d+)$/)?.[1] ?? "";
  await page.locator(tid("contribution-edit-link")).click();
  await expect(page).toHaveURL(new RegExp(`/en/contributions/${id}/edit$`));
  await waitForHydration(page);
  const edit = page.locator(tid("contribution-edit-form"));
  await expect(edit.locator('[name="input[title_en]"]')).toHaveValue("Canada: refugee-friendly hiring fund");
  await expect(edit.locator(tid("field-input[mechanism]"))).toHaveValue("grant");
  await edit.locator('[name="input[title_en]"]').fill("Canada: inclusive hiring fund");
  await edit.locator(tid("field-input[sector]")).selectOption("jobs_livelihoods");
  await edit.locator('[name="input[parent]"]').fill(id);
  await edit.locator(tid("contribution-save")).click();
  await expect(page.locator(tid("error-input[parent]"))).toContainText("cannot group");
  await expectNoAxeViolations(page);
  await edit.locator('[name="input[parent]"]').fill("");
  await edit.locator(tid("contribution-save")).click();
  await expect(page).toHaveURL(new RegExp(`/en/contributions/${id}$`));
  await expect(page.locator("h1")).toContainText("Canada: inclusive hiring fund");
  await expect(page.locator(tid("sector"))).toHaveText("Jobs and livelihoods");
});

test("import: a bad file is rejected with its problems, a good one is previewed and recorded", async ({ page }) => {
  await signIn(page);
  await page.goto("/en/contributions/import");
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  const header = "donor,recipient,kind,title_es,stage,date,currency,amount,fx_rate\n";
  const stamp = Date.now();
  await page.locator(tid("import-file")).setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${header}ESP,GT,financial,Mala ${stamp},pledge,2026-02-30,USD,-1,\n`),
  });
  await page.locator(tid("import-submit")).click();
  await expect(page).toHaveURL(/\/en\/contributions\/import\/[A-Za-z0-9_-]+$/);
  await expect(page.locator(tid("import-rejected"))).toBeVisible({ timeout: 30_000 });
  const problems = page.locator(`${tid("import-problems")} tbody tr`);
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText("date");
  await expect(problems.nth(1)).toContainText("amount");
  await expectNoAxeViolations(page);

  await page.locator(tid("import-again")).click();
  await waitForHydration(page);
  let csv = header;
  for (let i = 0; i < 300; i++) csv += `ESP,HN,technical,Asistencia ${stamp}-${i},pledge,2026-03-01,EUR,${1000 + i},1.08\n`;
  await page.locator(tid("import-file")).setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.locator(tid("import-submit")).click();
  await expect(page.locator(tid("import-ready"))).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(tid("import-valid-rows"))).toHaveText("300");
  await expect(page.locator(`${tid("import-preview")} tbody tr`)).toHaveCount(25);
  await expectNoAxeViolations(page);
  await waitForHydration(page);
  await page.locator(tid("import-commit")).click();
  await expect(page.locator(tid("import-committed"))).toContainText("300", { timeout: 30_000 });
  await page.locator(tid("import-see-list")).click();
  await expect(page).toHaveURL(/\/en\/contributions$/);
});

test("adding a step on a contribution's page updates the page in place", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await signIn(page);
  await page.goto("/en/contributions/1");
  await waitForHydration(page);
  const steps = page.locator(`${tid("steps")} tbody tr`);
  const before = await steps.count();
  await page.locator(tid("field-stage")).selectOption({ index: 1 });
  await page.locator('[name="step[date]"]').fill(new Date().toISOString().slice(0, 10));
  await page.locator('[name="step[amount]"]').fill("1000");
  await page.locator('[name="step[fx_rate]"]').fill("1");
  await page.locator(tid("add-step-submit")).click();
  await expect(steps).toHaveCount(before + 1);
  expect(errors.filter((e) => e.includes("panicked")), errors.join("\n")).toEqual([]);
});
