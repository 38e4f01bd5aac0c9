import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, tid, waitForHydration } from "./helpers";

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
