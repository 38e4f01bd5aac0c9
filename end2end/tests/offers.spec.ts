import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, focalPoint, member, tid, waitForHydration } from "./helpers";

test("a focal point's line meets a member's offer: proposed, accepted, and the pledge shows on the dashboard", async ({ browser }) => {
  test.slow(); // Four accounts and a long path; a budget against a hang, not a speed target.
  const stamp = Date.now() % 100000;

  // A focal point of Honduras enters a costed line.
  const focal = await focalPoint(browser, "HN");
  await focal.goto("/en/plans/HN/new");
  await waitForHydration(focal);
  const code = `HN-OFF-${stamp}`;
  await focal.locator(tid("field-input[code]")).fill(code);
  await focal.locator(tid("field-pillar")).selectOption("2");
  await focal.locator(tid("field-input[title_en]")).fill(`Schools for displaced children ${stamp}`);
  await focal.locator("input[name='input[themes][education]']").check();
  await focal.locator(tid("line-save")).click();
  await expect(focal).toHaveURL(/\/en\/plans\/HN\/lines\/\d+$/);
  const lineUrl = new URL(focal.url()).pathname;
  await waitForHydration(focal);
  await focal.locator("summary", { hasText: "Record a requirement" }).click();
  const req = focal.locator(tid("requirement-form"));
  await req.locator(tid("field-input[year]")).fill(String(new Date().getFullYear()));
  await req.locator(tid("field-input[amount]")).fill("400000");
  await req.locator(tid("requirement-save")).click();
  await expect(focal.locator(tid("line-total"))).toContainText("400,000");

  // A member for Spain offers money for Honduras; a bad form is refused first.
  const esp = await member(browser, "ESP");
  await esp.goto("/en/offers");
  await waitForHydration(esp);
  await esp.locator(tid("offer-new-link")).click();
  await expect(esp).toHaveURL(/\/en\/offers\/new$/);
  await waitForHydration(esp);
  await expectNoAxeViolations(esp);
  const title = `School grants ${stamp}`;
  const form = esp.locator(tid("offer-form"));
  await form.locator(tid("field-input[title_en]")).fill(title);
  const until = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  await form.locator(tid("field-input[available_until]")).fill(until);
  await form.locator(tid("offer-save")).click();
  await expect(form.locator(tid("error-input[amount]"))).toBeVisible();
  await expect(form.locator(tid("offer-countries"))).toContainText("This field is required.");
  await form.locator("input[name='input[countries][HN]']").check();
  await form.locator("input[name='input[themes][education]']").check();
  await form.locator(tid("field-input[amount]")).fill("250000");
  await form.locator(tid("field-input[contact_email]")).fill("grants@example.org");
  await form.locator(tid("offer-save")).click();
  await expect(esp).toHaveURL(/\/en\/offers\/\d+$/);
  const offerUrl = new URL(esp.url()).pathname;
  await expect(esp.locator(tid("offer-status"))).toHaveText("Open");
  await expect(esp.locator(tid("offer-contact"))).toContainText("grants@example.org");

  // The focal point sees it suggested for the line, with the reasons, and proposes it.
  await focal.goto(lineUrl);
  await waitForHydration(focal);
  const offerId = offerUrl.split("/").pop();
  const suggestion = focal.locator(tid(`suggestion-${offerId}`));
  await expect(suggestion.locator(tid("suggestion-why"))).toContainText("Honduras is named; same theme: Education; covers 62% of what is still missing");
  await expectNoAxeViolations(focal);
  await suggestion.locator(tid("proposal-amount")).fill("300000");
  await suggestion.locator(tid("propose")).click();
  await expect(suggestion).toContainText("between 0 and 250000");
  await suggestion.locator(tid("proposal-amount")).fill("250000");
  await suggestion.locator(tid("propose")).click();
  await expect(focal.locator(tid("line-matches"))).toContainText(title);
  await expect(focal.locator(tid(`suggestion-${offerId}`))).toHaveCount(0);

  // The public plan counts the offer in discussion; nobody's contact is shown to visitors.
  const ctx = await browser.newContext();
  const visitor = await ctx.newPage();
  await visitor.goto("/en/plans/HN");
  await expect(visitor.locator(tid(`plan-line-${code}`))).toContainText("1");
  await visitor.goto(offerUrl);
  await expect(visitor.locator(tid("offer-contact-hidden"))).toBeVisible();
  await expect(visitor.locator(tid("accept-form"))).toHaveCount(0);
  await ctx.close();

  // Another member may not answer it; the offering member accepts, which records the pledge.
  const eu = await member(browser, "EU");
  await eu.goto(offerUrl);
  await waitForHydration(eu);
  await expect(eu.locator(tid("accept-form"))).toHaveCount(0);
  await eu.context().close();
  await esp.goto(offerUrl);
  await waitForHydration(esp);
  await expect(esp.locator(tid("match-status"))).toHaveText("Proposed");
  await expectNoAxeViolations(esp);
  await esp.locator(tid("accept-match")).click();
  await expect(esp).toHaveURL(/\/en\/contributions\/\d+$/);
  await expect(esp.locator("h1")).toContainText(title);
  await expect(esp.locator(tid("contribution-lines"))).toContainText(code);
  await esp.goto(offerUrl);
  await expect(esp.locator(tid("offer-status"))).toHaveText("Matched");
  await expect(esp.locator(tid("match-pledge"))).toBeVisible();

  // The pledge counts on the line and on the dashboard for Honduras.
  await focal.goto(lineUrl);
  await expect(focal.locator(tid("line-contributions"))).toContainText(title);
  await focal.goto("/en/contributions?country=HN");
  await expect(focal.locator("body")).toContainText(title);
  await focal.goto("/en/countries/HN");
  await expect(focal.locator(tid("country-recent"))).toContainText(title);
  await focal.context().close();
  await esp.context().close();
});

test("the offers list filters and reads without JavaScript, in both languages", async ({ browser, page }) => {
  await page.goto("/en/offers?country=CR");
  await waitForHydration(page);
  await expect(page.locator(tid("offers-table"))).toContainText("health centres");
  await expectNoAxeViolations(page);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await ctx.newPage();
  await nojs.goto("/es/offers");
  await nojs.locator("#of-kind").selectOption("training");
  await nojs.locator(`${tid("offer-filters")} button`).click();
  await expect(nojs).toHaveURL(/kind=training/);
  await expect(nojs.locator(`${tid("offers-table")} tbody tr`)).toHaveCount(1);
  await expect(nojs.locator(tid("offers-table"))).toContainText("Formación");
  await ctx.close();
});
