import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, focalPoint, secretariat, tid, waitForHydration } from "./helpers";

test("the plans are public: the overview, a country's plan and a line, readable without JavaScript", async ({ browser, page }) => {
  await page.goto("/en/plans");
  await waitForHydration(page);
  await expect(page.locator(`${tid("plans-table")} tbody tr`)).toHaveCount(7);
  await expectNoAxeViolations(page);
  await page.locator(`${tid("plan-row-GT")} a`).click();
  await expect(page).toHaveURL(/\/en\/plans\/GT$/);
  await expect(page.locator(tid("plan-declared"))).toContainText("14 commitments");
  await expect(page.locator(`${tid("plan-lines")} tbody tr`).first()).toBeVisible();
  await expectNoAxeViolations(page);

  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await ctx.newPage();
  await nojs.goto("/es/plans/GT");
  await expect(nojs.locator("h1")).toContainText("Guatemala");
  await expect(nojs.locator(tid("plan-lines"))).toContainText("GT-P1-01");
  await ctx.close();
});

test("a focal point adds a line, costs it, revises the figure with a reason and reports progress", async ({ browser }) => {
  const focal = await focalPoint(browser, "GT");
  await focal.goto("/en/plans/GT");
  await waitForHydration(focal);
  await focal.locator(tid("line-new-link")).click();
  await expect(focal).toHaveURL(/\/en\/plans\/GT\/new$/);
  await waitForHydration(focal);
  await expectNoAxeViolations(focal);

  // A bad code is refused with a translated message, and nothing is saved.
  const code = `GT-E2E-${Date.now() % 100000}`;
  await focal.locator(tid("field-input[code]")).fill("not a code!");
  await focal.locator(tid("field-pillar")).selectOption("1");
  await focal.locator(tid("field-input[title_en]")).fill("Faster asylum registration");
  await focal.locator(tid("line-save")).click();
  await expect(focal.locator(tid("error-input[code]"))).toBeVisible();
  await focal.locator(tid("field-input[code]")).fill(code);
  await focal.locator(tid("line-save")).click();
  await expect(focal).toHaveURL(/\/en\/plans\/GT\/lines\/\d+$/);
  await waitForHydration(focal);
  await expect(focal.locator("h1")).toContainText("Faster asylum registration");

  // The original figure, then a revision that needs its reason.
  const setRequirement = async (currency: string, amount: string, rate: string, reason: string) => {
    const form = focal.locator(tid("requirement-form"));
    if (!(await form.isVisible())) await focal.locator("summary", { hasText: "Record a requirement" }).click();
    await form.locator(tid("field-input[year]")).fill("2026");
    await form.locator(tid("field-currency")).selectOption(currency);
    await form.locator(tid("field-input[amount]")).fill(amount);
    await form.locator(tid("field-input[fx_rate]")).fill(rate);
    await form.locator(tid("field-input[reason]")).fill(reason);
    await form.locator(tid("requirement-save")).click();
  };
  await setRequirement("USD", "1500000", "", "");
  await expect(focal.locator(tid("line-total"))).toContainText("1,500,000");
  await setRequirement("EUR", "1000000", "1.1", "");
  await expect(focal.locator(tid("requirement-form")).locator(tid("error-input[reason]"))).toBeVisible();
  await expect(focal.locator(tid("line-total"))).toContainText("1,500,000");
  await setRequirement("EUR", "1000000", "1.1", "Costed again by the ministry");
  await expect(focal.locator(tid("line-total"))).toContainText("1,100,000");
  await expect(focal.locator(`${tid("line-revisions")} tbody tr`)).toHaveCount(2);
  await expect(focal.locator(tid("line-revisions"))).toContainText("Costed again by the ministry");

  // Progress: a status with its dated note.
  await focal.locator("summary", { hasText: "Update the status" }).click();
  const status = focal.locator(tid("status-form"));
  await status.locator(tid("field-status")).selectOption("stalled");
  await status.locator("textarea[name='input[note_en]']").fill("Waiting for the budget law");
  await status.locator(tid("status-save")).click();
  await expect(focal.locator(tid("line-status"))).toHaveText("Stalled");
  await expect(focal.locator(tid("line-notes"))).toContainText("Waiting for the budget law");
  await expectNoAxeViolations(focal);

  // The public plan shows the line and its cost; in Spanish too.
  const lineUrl = new URL(focal.url()).pathname;
  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  await visitor.goto("/en/plans/GT");
  await expect(visitor.locator(tid(`plan-line-${code}`))).toContainText("USD 1.1 M");
  await expect(visitor.locator(tid("line-new-link"))).toHaveCount(0);
  await visitor.goto(lineUrl.replace("/en/", "/es/"));
  await expect(visitor.locator(tid("line-status"))).toHaveText("Estancado");
  await ctx.close();

  // The secretariat links a contribution to Guatemala to the line: the line lists it.
  const sec = await secretariat(browser);
  await sec.goto("/en/contributions?country=GT");
  const hrefs = await sec.locator(`${tid("contribution-row")} a`).evaluateAll((as) =>
    as.map((a) => (a as HTMLAnchorElement).pathname).filter((p) => /\/contributions\/\d+$/.test(p)),
  );
  // The first one that serves lines itself (money routed through another is linked there).
  for (const href of hrefs) {
    await sec.goto(href);
    if ((await sec.locator(tid("link-line-form")).count()) > 0) break;
  }
  await waitForHydration(sec);
  const title = (await sec.locator("h1").textContent())!.replace("example", "").trim();
  const link = sec.locator(tid("link-line-form"));
  const option = await link.locator("option", { hasText: code }).getAttribute("value");
  await link.locator(tid("field-line")).selectOption(option!);
  await link.locator(tid("field-share")).fill("150");
  await link.locator(tid("link-line-submit")).click();
  await expect(link.locator(tid("error-share"))).toBeVisible();
  await link.locator(tid("field-share")).fill("50");
  await link.locator(tid("link-line-submit")).click();
  await expect(sec.locator(tid("contribution-lines"))).toContainText(code);
  await expectNoAxeViolations(sec);
  await sec.context().close();
  await focal.goto(lineUrl);
  await expect(focal.locator(tid("line-contributions"))).toContainText(title);

  // Another country's plan: readable, not editable, and its form answers 403.
  await focal.goto("/en/plans/HN");
  await expect(focal.locator(tid("plan-page"))).toBeVisible();
  await expect(focal.locator(tid("line-new-link"))).toHaveCount(0);
  const res = await focal.goto("/en/plans/HN/new");
  expect(res?.status()).toBe(403);
  await focal.context().close();
});
