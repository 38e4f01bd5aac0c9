import { expect, Page, test } from "@playwright/test";
import { expectNoAxeViolations, focalPoint, secretariat, tid, waitForHydration } from "./helpers";

const results = (page: Page) => page.locator(tid("practice-result"));

test("practice search ignores accents and case, and facets narrow the results without a reload", async ({ page }) => {
  await page.goto("/es/practices");
  await waitForHydration(page);
  // The 16 real practices with a year and the demo's 9 examples.
  await expect(page.locator(tid("practice-count"))).toContainText("25");
  await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 7));

  // Without accents, and shouting: the same matches as with them.
  for (const q of ["educacion", "EDUCACIÓN"]) {
    await page.locator(tid("practice-q")).fill(q);
    await page.locator(tid("practice-q")).press("Enter");
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(results(page)).toHaveCount(2);
    await expect(page.locator(tid("practice-results"))).toContainText("Inscripción escolar sin documentos");
  }
  await page.locator(tid("practice-q")).fill("ninez no acompanada");
  await page.locator(tid("practice-q")).press("Enter");
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toContainText("niñez");

  // Facets: counts for the current matches; choosing one narrows and goes into the address.
  await page.locator(tid("practice-q")).fill("");
  await page.locator(tid("practice-q")).press("Enter");
  await expect(results(page)).toHaveCount(20); // the first page
  const employment = page.locator(tid("facet-theme-employment"));
  await expect(employment).toContainText("13");
  await employment.click();
  await expect(page).toHaveURL(/theme=employment/);
  await expect(results(page)).toHaveCount(13);
  await page.locator(tid("facet-country-MX")).click();
  await expect(page).toHaveURL(/country=MX/);
  await expect(results(page)).toHaveCount(4);
  await expect(page.locator(tid("chip-country"))).toBeVisible();
  // No full page load happened on the way.
  expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(7);
  await expectNoAxeViolations(page);
  // Removing a filter from its chip.
  await page.locator(tid("chip-theme")).click();
  await expect(page).not.toHaveURL(/theme=/);
  await expect(results(page)).toHaveCount(5);

  // The exports hold exactly the filtered list.
  const href = await page.locator(tid("practice-export-json")).getAttribute("href");
  const res = await page.request.get(href!);
  const rows = (await res.json()) as { submitter_code: string }[];
  expect(rows).toHaveLength(5);
  expect(rows.every((r) => r.submitter_code === "MX")).toBe(true);
});

test("a practice page at a stable address, with its print view and the language switch", async ({ page }) => {
  await page.goto("/en/practices?q=relocation");
  await waitForHydration(page);
  await results(page).first().locator("a").first().click();
  await expect(page).toHaveURL(/\/en\/practices\/\d+$/);
  await expect(page.locator("h1")).toContainText("Relocation programme for local integration");
  await expectNoAxeViolations(page);
  const url = page.url();
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(url.replace("/en/", "/es/"));
  await expect(page.locator("h1")).toContainText("Programa de reubicación");
  await page.locator(tid("practice-print-link")).click();
  await expect(page).toHaveURL(/\/print$/);
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator("h1")).toContainText("Programa de reubicación");
  await expectNoAxeViolations(page);
});

test("a focal point submits a practice, the secretariat returns it, then publishes it", async ({ browser }) => {
  const focal = await focalPoint(browser, "GT");
  const title = `Grupos de ahorro comunitario ${Date.now()}`;
  await focal.goto("/en/practices/new");
  await waitForHydration(focal);
  await expectNoAxeViolations(focal);
  // No title and no theme: translated field errors, nothing saved.
  await focal.locator(tid("field-input[year]")).fill("2025");
  await focal.locator(tid("practice-save")).click();
  await expect(focal.locator(tid("error-themes"))).toBeVisible();
  await expect(focal.locator(tid("error-input[title_es]"))).toBeVisible();
  await expect(focal).toHaveURL(/\/en\/practices\/new$/);
  await focal.locator(tid("field-input[title_es]")).fill(title);
  await focal.locator(tid("field-input[body_es]")).fill("## Cómo funciona\n\nAhorro en **grupos** de vecinas.\n\n<script>window.__x=1</script>");
  await focal.locator(tid("theme-employment")).check();
  await focal.locator(tid("practice-save")).click();
  await expect(focal).toHaveURL(/\/en\/practices\/\d+$/);
  const path = new URL(focal.url()).pathname;
  await expect(focal.locator(tid("practice-status"))).toContainText("Draft");
  // Written in Spanish only: the English page says so; the Markdown is rendered, the script is not.
  await expect(focal.locator(tid("practice-fallback"))).toBeVisible();
  await expect(focal.locator(`${tid("practice-body")} h2`)).toHaveText("Cómo funciona");
  await expect(focal.locator(`${tid("practice-body")} script`)).toHaveCount(0);
  await focal.locator(tid("practice-submit")).click();
  await expect(focal.locator(tid("practice-status"))).toContainText("Submitted");

  // Not public yet.
  const anon = await browser.newPage();
  const hidden = await anon.goto(path);
  expect(hidden?.status()).toBe(404);

  // The secretariat finds it in the queue and returns it: a comment is required.
  const sec = await secretariat(browser);
  await sec.goto("/en/practices/manage");
  await expect(sec.locator(tid("practice-queue"))).toContainText(title);
  await sec.goto(path);
  await waitForHydration(sec);
  // Returning without a comment is stopped (the server refuses it too: see the store tests).
  await sec.locator(tid("practice-return")).click();
  const comment = sec.locator(tid("practice-comment-return"));
  expect(await comment.evaluate((e) => (e as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
  await expect(sec.locator(tid("practice-status"))).toContainText("Submitted");
  await sec.locator(tid("practice-comment-return")).fill("Please add the results and an English summary.");
  await sec.locator(tid("practice-return")).click();
  await expect(sec.locator(tid("practice-status"))).toContainText("Returned");

  // The author sees why, edits and submits again.
  await focal.reload();
  await waitForHydration(focal);
  await expect(focal.locator(tid("practice-history"))).toContainText("Please add the results");
  await focal.locator(tid("practice-edit-link")).click();
  await expect(focal).toHaveURL(/\/edit$/);
  await waitForHydration(focal);
  await focal.locator(tid("field-input[title_en]")).fill(`Community savings groups ${title.split(" ").pop()}`);
  await focal.locator(tid("field-input[results_es]")).fill("120 personas ahorran cada mes.");
  await focal.locator(tid("practice-save")).click();
  await expect(focal).toHaveURL(new RegExp(`${path}$`));
  await focal.locator(tid("practice-submit")).click();
  await expect(focal.locator(tid("practice-status"))).toContainText("Submitted");
  // A focal point may not publish.
  await expect(focal.locator(tid("practice-publish"))).toHaveCount(0);

  await sec.reload();
  await waitForHydration(sec);
  await sec.locator(tid("practice-publish")).click();
  await expect(sec.locator(tid("practice-status"))).toHaveCount(0);

  // Now public and found without accents.
  await anon.goto(`/es/practices?q=${encodeURIComponent("ahorro comunitario")}`);
  await expect(anon.locator(tid("practice-results"))).toContainText(title);
  const shown = await anon.goto(path);
  expect(shown?.status()).toBe(200);
  await expect(anon.locator(tid("practice-workflow"))).toHaveCount(0);
  await focal.context().close();
  await sec.context().close();
  await anon.close();
});

test("a focal point keeps their own country's inventory and cannot edit another's", async ({ browser }) => {
  const focal = await focalPoint(browser, "GT");
  await focal.goto("/en/inventory/GT");
  await waitForHydration(focal);
  await focal.locator(tid("entry-new-link")).click();
  await expect(focal).toHaveURL(/\/en\/inventory\/GT\/new$/);
  await waitForHydration(focal);
  await expectNoAxeViolations(focal);
  // A gap needs its severity and priority.
  await focal.locator(tid("field-entry_type")).selectOption("gap");
  await focal.locator(tid("field-theme")).selectOption("housing");
  await focal.locator(tid("field-input[title_en]")).fill("Rental guarantees for refugees");
  await focal.locator(tid("entry-save")).click();
  await expect(focal.locator(tid("error-severity"))).toBeVisible();
  await focal.locator(tid("field-severity")).selectOption("high");
  await focal.locator(tid("field-priority")).selectOption("1");
  await focal.locator(tid("entry-save")).click();
  await expect(focal).toHaveURL(/\/en\/inventory\/GT#entry-\d+$/);
  await expect(focal.locator(tid("country-inventory"))).toContainText("Rental guarantees for refugees");

  // Another country: readable, not editable, and the form answers 403.
  await focal.goto("/en/inventory/HN");
  await expect(focal.locator(tid("inventory-entry")).first()).toBeVisible();
  await expect(focal.locator(tid("entry-new-link"))).toHaveCount(0);
  const res = await focal.goto("/en/inventory/HN/new");
  expect(res?.status()).toBe(403);
  await expect(focal.locator(tid("forbidden"))).toBeVisible();
  await focal.context().close();
});

test("the regional matrix links to each country's entries; the secretariat sees ranked topics", async ({ browser, page }) => {
  await page.goto("/en/inventory");
  await waitForHydration(page);
  const matrix = page.locator(tid("inventory-matrix"));
  await expect(matrix.locator("tbody tr")).toHaveCount(11);
  await expect(matrix.locator("thead th")).toHaveCount(8);
  await expectNoAxeViolations(page);
  const cell = matrix.locator("td.cell a").first();
  await cell.click();
  await expect(page).toHaveURL(/\/en\/inventory\/[A-Z]{2}\?theme=/);
  await expect(page.locator(tid("inventory-entry")).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const sec = await secretariat(browser);
  await sec.goto("/en/practices/topics");
  const topics = sec.locator(`${tid("topics")} > li`);
  await expect(topics.first()).toBeVisible();
  expect(await topics.count()).toBeGreaterThan(2);
  await expectNoAxeViolations(sec);
  // The public is not shown the ranking.
  const res = await page.goto("/en/practices/topics");
  expect(res?.status()).toBe(401);
  await sec.context().close();
});
