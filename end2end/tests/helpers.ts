import { expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Selector for the data-test-id attribute the app puts on things tests need. */
export const tid = (id: string) => `[data-test-id="${id}"]`;

/** Resolves once the wasm has hydrated the page (the body gets data-hydrated). */
export async function waitForHydration(page: Page) {
  await page.waitForSelector("body[data-hydrated]", { state: "attached", timeout: 20_000 });
}

/** Runs axe with the WCAG 2.1 A and AA rules and fails on any violation. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, summary.join("\n")).toEqual([]);
}
