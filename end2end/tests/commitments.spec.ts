import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, focalPoint, secretariat, tid, waitForHydration } from "./helpers";

test("the commitments register filters, opens a commitment with its progress, and passes axe", async ({ page }) => {
  await page.goto("/en/commitments");
  await waitForHydration(page);
  await expect(page.locator(tid("hiring-count"))).toContainText("companies with hiring figures");
  await expectNoAxeViolations(page);
  await page.locator("#cm-kind").selectOption("employment");
  await page.locator(`${tid("commitment-filters")} button`).click();
  await expect(page).toHaveURL(/kind=employment/);
  await expect(page.locator(`${tid("commitments-table")} tbody tr`)).toHaveCount(9);
  await page.getByRole("link", { name: "Grupo Coppel: refugee job-matching programme" }).click();
  await expect(page).toHaveURL(/\/en\/commitments\/\d+$/);
  await expect(page.locator(tid("commitment-progress"))).toContainText("More than 300 refugees hired");
  await expect(page.locator(tid("commitment-reporting"))).toContainText("Reported");
  await expectNoAxeViolations(page);
  await page.locator(tid("lang-switch")).click();
  await expect(page.locator(tid("commitment-progress"))).toContainText("Más de 300 personas refugiadas");
  await expectNoAxeViolations(page);
});

test("the commitments register reads and filters without JavaScript", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await ctx.newPage();
  await nojs.goto("/es/commitments");
  await nojs.locator("#cm-occasion").selectOption("grf2019");
  await nojs.locator("#cm-country").selectOption("BZ");
  await nojs.locator(`${tid("commitment-filters")} button`).click();
  await expect(nojs).toHaveURL(/occasion=grf2019/);
  await expect(nojs.locator(`${tid("commitments-table")} tbody tr`)).toHaveCount(2);
  await expect(nojs.locator(tid("commitments-table"))).toContainText("Belice");
  await ctx.close();
});

test("a MIRPS state's commitment is returned by the secretariat, pre-articulated, then announced", async ({ browser, page }) => {
  test.slow(); // Two accounts and a long path; a budget against a hang, not a speed target.
  const stamp = Date.now() % 100000;
  const title = `Work permits for refugees ${stamp}`;

  // A focal point of Costa Rica writes a draft; a bad form is refused first.
  const focal = await focalPoint(browser, "CR");
  await focal.goto("/en/commitments");
  await waitForHydration(focal);
  await focal.locator(tid("commitment-new-link")).click();
  await expect(focal).toHaveURL(/\/en\/commitments\/new$/);
  await waitForHydration(focal);
  await expectNoAxeViolations(focal);
  const form = focal.locator(tid("commitment-form"));
  await expect(form.locator(tid("makers-country-CR"))).toBeChecked();
  await form.locator(tid("field-input[title_en]")).fill(title);
  await form.locator(tid("field-input[target]")).fill("500");
  await form.locator(tid("commitment-save")).click();
  await expect(form.locator(tid("error-kind"))).toBeVisible();
  await expect(form.locator(tid("error-target_unit"))).toBeVisible();
  await form.locator(tid("field-kind")).selectOption("employment");
  await form.locator(tid("field-target_unit")).selectOption("jobs");
  await form.locator(tid("field-input[target_what_en]")).fill("work permits issued");
  await form.locator(tid("countries-CR")).check();
  await form.locator(tid("commitment-save")).click();
  await expect(focal).toHaveURL(/\/en\/commitments\/\d+$/);
  const url = new URL(focal.url()).pathname;
  await waitForHydration(focal);
  await expect(focal.locator(tid("commitment-review"))).toContainText("Draft");
  await expectNoAxeViolations(focal);
  await focal.locator(tid("commitment-submit")).click();
  await expect(focal.locator(tid("commitment-review"))).toContainText("Submitted for review");

  // Nobody else sees it yet.
  const anonymous = await page.goto(url);
  expect(anonymous?.status()).toBe(404);

  // The secretariat returns it with a comment.
  const sec = await secretariat(browser);
  await sec.goto("/en/commitments/manage");
  await waitForHydration(sec);
  await expect(sec.locator(tid("queue-review"))).toContainText(title);
  await sec.goto(url);
  await waitForHydration(sec);
  // Returning needs a comment: the browser will not send the form without one.
  await sec.locator(tid("commitment-return")).click();
  expect(await sec.locator(tid("commitment-comment-return")).evaluate((e) => (e as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
  await expect(sec.locator(tid("commitment-review"))).toContainText("Submitted for review");
  await sec.locator(tid("commitment-comment-return")).fill("Name the deadline, please.");
  await sec.locator(tid("commitment-return")).click();
  await expect(sec.locator(tid("commitment-review"))).toContainText("Returned with comments");

  // The focal point reads the comment, adds the deadline and sends it again.
  await focal.goto(url);
  await waitForHydration(focal);
  await expect(focal.locator(tid("commitment-history"))).toContainText("Name the deadline, please.");
  await focal.locator(tid("commitment-edit-link")).click();
  await expect(focal).toHaveURL(/\/edit$/);
  await waitForHydration(focal);
  await focal.locator(tid("field-input[deadline]")).fill("2027");
  await focal.locator(tid("commitment-save")).click();
  await expect(focal).toHaveURL(/\/en\/commitments\/\d+$/);
  await waitForHydration(focal);
  await focal.locator(tid("commitment-submit")).click();
  await expect(focal.locator(tid("commitment-review"))).toContainText("Submitted for review");

  // The secretariat pre-articulates it; the focal point announces it; now it is public.
  await sec.goto(url);
  await waitForHydration(sec);
  await sec.locator(tid("commitment-pre_articulate")).click();
  await expect(sec.locator(tid("commitment-review"))).toContainText("Pre-articulated");
  await focal.goto(url);
  await waitForHydration(focal);
  await focal.locator(tid("commitment-announce")).click();
  await expect(focal.locator(tid("commitment-review"))).toHaveCount(0);
  await expect(focal.locator(tid("commitment-report"))).toBeVisible();
  await page.goto("/en/commitments?country=CR&kind=employment");
  await expect(page.locator(tid("commitments-table"))).toContainText(title);

  // Its first figure: Costa Rica, with the stage moving on.
  await focal.locator(tid("field-input[reported_on]")).fill(new Date().toISOString().slice(0, 10));
  await focal.locator(tid("field-input[text_en]")).fill("First permits issued.");
  await focal.locator(tid("field-input[value]")).fill("40");
  await focal.locator(tid("report-unit")).selectOption("jobs");
  await focal.locator(tid("report-country")).selectOption("CR");
  await focal.locator(tid("report-stage")).selectOption("in_progress");
  await focal.locator(tid("report-save")).click();
  await expect(focal.locator(tid("commitment-progress"))).toContainText("First permits issued.");
  await expect(focal.locator(tid("commitment-stage"))).toHaveText("In progress");
  await expect(focal.locator(tid("commitment-figures-in"))).toContainText("Costa Rica");
  await sec.context().close();
  await focal.context().close();
});
