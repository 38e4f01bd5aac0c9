// Browser tests in Debian's Chromium (never a downloaded browser), against a server the test
// command starts (E2E_BASE_URL). Specs select elements by data-test-id, never by styling or text.
import { defineConfig } from "@playwright/test";

const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  // A budget per test, not a speed target: scenarios that sign in several browsers and wait for
  // hydration took up to 30 s on a loaded two-core machine. A test that hangs still fails within
  // this budget; speed is measured by the benchmarks, never here.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true }, testIgnore: /nojs\.spec\.ts/ },
    { name: "no-js", use: { javaScriptEnabled: false }, testMatch: /nojs\.spec\.ts/ },
  ],
});
