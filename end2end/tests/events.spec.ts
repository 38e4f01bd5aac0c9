import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, focalPoint, secretariat, tid, waitForHydration } from "./helpers";

/** Fills the event form's required fields. */
async function fillEvent(
  page: import("@playwright/test").Page,
  opts: { title: string; start: string; end: string; zone: string; kind?: string; capacity?: string },
) {
  await page.locator(tid("field-kind")).selectOption(opts.kind ?? "learning_workshop");
  await page.locator(tid("field-input[title_es]")).fill(opts.title);
  await page.locator(tid("field-input[title_en]")).fill(`${opts.title} (EN)`);
  await page.locator(tid("field-input[starts_local]")).fill(opts.start);
  await page.locator(tid("field-input[ends_local]")).fill(opts.end);
  await page.locator(tid("field-timezone")).selectOption(opts.zone);
  await page.locator(tid("field-mode")).selectOption("virtual");
  if (opts.capacity) {
    await page.locator(tid("field-input[capacity]")).fill(opts.capacity);
    await page.locator(tid("field-registration")).check();
  }
}

test("the chair creates an event and sees the clash with a working-group meeting first", async ({ browser }) => {
  const chair = await secretariat(browser);
  await chair.goto("/en/events/new");
  await waitForHydration(chair);
  await expectNoAxeViolations(chair);
  // The demo's Local Governance Working Group meets in Panama City on 16 February 2027 (all day,
  // Panama time). 10:00-12:00 in Mexico City is 16:00-18:00 UTC: inside it.
  const title = `Taller de documentación ${Date.now()}`;
  await fillEvent(chair, { title, start: "2027-02-16T10:00", end: "2027-02-16T12:00", zone: "America/Mexico_City" });
  await chair.locator(tid("countries-GT")).check();
  await chair.locator(tid("save-event")).click();
  const report = chair.locator(tid("clash-report"));
  await expect(report).toBeVisible();
  await expect(report).toContainText("Local Governance Working Group meeting");
  // Why: a standing meeting, and Guatemala takes part in both (named, not coded).
  await expect(report).toContainText("same countries: Guatemala");
  await expect(chair.locator(`${tid("free-windows")} li`)).toHaveCount(3);
  await expect(chair).toHaveURL(/\/en\/events\/new$/);
  await expectNoAxeViolations(chair);
  // Saving anyway, knowingly.
  await chair.locator(tid("accept-clashes")).check();
  await chair.locator(tid("save-event")).click();
  await expect(chair).toHaveURL(/\/en\/events\/\d+$/);
  await expect(chair.locator(tid("event-title"))).toHaveText(`${title} (EN)`);
  await expect(chair.locator(tid("event-when"))).toContainText("America/Mexico_City");
  await chair.context().close();
});

// One scenario in three steps, each with its own time budget: a full event, its waiting list and
// the promotion; the promoted person's notices and calendar feed; the organiser's participant
// list. The steps share the event and the signed-in browsers, so they run in order and a failed
// step skips the rest.
test.describe.serial("a full event", () => {
  let chair: import("@playwright/test").Page;
  let first: import("@playwright/test").Page;
  let second: import("@playwright/test").Page;
  let path = "";
  let title = "";

  test.afterAll(async () => {
    for (const p of [first, second, chair]) await p?.context().close();
  });

  test("puts the next person on the waiting list and promotes them when a place frees", async ({ browser }) => {
    chair = await secretariat(browser);
    await chair.goto("/en/events/new");
    await waitForHydration(chair);
    title = `Visita de campo ${Date.now()}`;
    // A Wednesday far from other events, one place.
    await fillEvent(chair, { title, start: "2029-06-13T09:00", end: "2029-06-13T13:00", zone: "America/Panama", capacity: "1" });
    await chair.locator(tid("save-event")).click();
    await expect(chair).toHaveURL(/\/en\/events\/\d+$/);
    path = new URL(chair.url()).pathname;

    first = await focalPoint(browser, "GT");
    await first.goto(path);
    await waitForHydration(first);
    await first.locator(tid("register")).click();
    await expect(first.locator(tid("my-status"))).toHaveAttribute("data-status", "confirmed");

    second = await focalPoint(browser, "HN");
    await second.goto(path);
    await waitForHydration(second);
    await expect(second.locator(tid("register"))).toContainText("waiting list");
    await second.locator(tid("register")).click();
    await expect(second.locator(tid("my-status"))).toHaveAttribute("data-status", "waitlisted");
    await expect(second.locator(tid("my-status"))).toContainText("number 1");
    await expectNoAxeViolations(second);

    // The first person withdraws: the second is moved up.
    await first.locator(tid("withdraw")).click();
    await expect(first.locator(tid("register"))).toBeVisible();
    await second.reload();
    await waitForHydration(second);
    await expect(second.locator(tid("my-status"))).toHaveAttribute("data-status", "confirmed");
  });

  test("tells the promoted person, whose calendar feed holds the event", async () => {
    await second.goto("/en/events/mine");
    await waitForHydration(second);
    await expect(second.locator(tid("notice-promoted"))).toContainText(`${title} (EN)`);
    await expect(second.locator(tid("my-registrations"))).toContainText(`${title} (EN)`);
    await expectNoAxeViolations(second);
    // The personal calendar feed: shown once, and it holds the event.
    await second.locator(tid("reset-feed")).click();
    const feedUrl = await second.locator(tid("feed-url")).inputValue();
    const feed = await second.request.get(feedUrl);
    expect(feed.status()).toBe(200);
    const ics = await feed.text();
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("BEGIN:VALARM");
    expect(ics).toContain(title);
  });

  test("shows the organiser who holds the place, and exports the filtered list", async () => {
    await chair.goto(`${path}/participants`);
    await waitForHydration(chair);
    await expectNoAxeViolations(chair);
    const rows = chair.locator(`${tid("participants-table")} tbody tr`);
    await expect(rows).toHaveCount(2);
    await expect(chair.locator(`${tid("participants-table")} tr[data-status="confirmed"]`)).toContainText("Focal HN");
    await chair.locator("#pf-status").selectOption("confirmed");
    await chair.locator(`${tid("participant-filters")} button[type="submit"]`).click();
    await expect(rows).toHaveCount(1);
    const csvHref = await chair.locator(tid("participants-csv")).getAttribute("href");
    const csv = await chair.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Focal HN");
  });
});

test("events are listed, filtered and shown in both languages, in a month view and as ICS", async ({ page }) => {
  await page.goto("/en/events?when=past&kind=solidarity_event");
  await waitForHydration(page);
  await expect(page.locator(tid("event-list"))).toContainText("First MIRPS Solidarity Event");
  await expectNoAxeViolations(page);
  await page.locator(tid("event-list")).getByRole("link", { name: "First MIRPS Solidarity Event" }).click();
  await expect(page).toHaveURL(/\/en\/events\/\d+$/);
  await expect(page.locator(tid("event-when"))).toHaveText("10 Jun 2021");
  await expect(page.locator(tid("event-description"))).toContainText("USD 110 million");
  await expectNoAxeViolations(page);
  await page.locator(tid("lang-switch")).click();
  await expect(page).toHaveURL(/\/es\/events\/\d+$/);
  await expect(page.locator(tid("event-title"))).toHaveText("Primer Evento de Solidaridad del MIRPS");
  await expect(page.locator(tid("event-when"))).toHaveText("10 jun 2021");
  await expect(page.locator(tid("event-description"))).toContainText("110 millones");

  // The month view of February 2027 shows the working-group meeting on its day.
  await page.goto("/en/events/calendar?month=2027-02");
  await waitForHydration(page);
  await expect(page.locator(tid("month-title"))).toHaveText("February 2027");
  await expect(page.locator(tid("day-2027-02-16"))).toContainText("Local Governance Working Group meeting");
  await expectNoAxeViolations(page);
  await page.locator(tid("next-month")).click();
  await expect(page.locator(tid("month-title"))).toHaveText("March 2027");

  // A timed event seen from another time zone shows the reader's own time too.
  const ctx = await page.context().browser()!.newContext({ timezoneId: "Europe/Madrid" });
  const madrid = await ctx.newPage();
  await madrid.goto("/en/events?kind=quarterly_meeting");
  await waitForHydration(madrid);
  await madrid.locator(tid("event-list")).getByRole("link").first().click();
  await waitForHydration(madrid);
  await expect(madrid.locator(tid("viewer-time"))).toBeVisible();
  await ctx.close();

  const feed = await page.request.get("/api/v1/events.ics?lang=en");
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("SUMMARY:First MIRPS Solidarity Event");
});
