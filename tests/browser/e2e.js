// Browser end-to-end test of the page of `lmacheck serve`, in Debian's
// headless Chromium driven by playwright-core (no downloaded browser).
//
// It starts `lmacheck serve` on a free loopback port with a fresh store and
// tokens file, then acts as the users of the page do: drops an invalid
// sample and reads its findings in Dutch, switches to English, hands in a
// valid sample with a submitter's token, and sees it in the steward's year
// overview. Screenshots go to SCREENSHOT_DIR for a person to look at.
//
// Usage: node e2e.js --lmacheck build/bin/lmacheck --samples samples --screenshots build/browser-screenshots
// Prints one line per check and closes with "N passed, N failed"; exits 1
// when a check failed, 2 when the test could not run at all.
"use strict";

const { chromium } = require("playwright-core");
const { spawn, execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

// Bounds against a hang (no check waits on time): each check, and the whole run.
const STEP_TIMEOUT_MS = 15000;
const TOTAL_BUDGET_MS = 110000;
const startedAt = Date.now();
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function argument(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const lmacheck = path.resolve(argument("lmacheck", "build/bin/lmacheck"));
const samples = path.resolve(argument("samples", "samples"));
const screenshots = path.resolve(argument("screenshots", "build/browser-screenshots"));

const INVALID_SAMPLE = path.join(samples, "invalid", "fact.certified-within-teams.json");
const VALID_SAMPLE = path.join(samples, "valid", "institution-2019.json");
const VALID_SUBMITTER = "06290417"; // the AGB code in VALID_SAMPLE
const OTHER_SUBMITTER = "06290101";
const YEAR = "2019";

// ------------------------------------------------------------- the server
function addToken(tokensFile, args) {
  const out = execFileSync(lmacheck, ["token", "add", "--tokens", tokensFile, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: STEP_TIMEOUT_MS,
  });
  const lines = out.trim().split("\n");
  return lines[lines.length - 1].trim(); // the token is alone on the last line
}

function startServer(dir) {
  const tokensFile = path.join(dir, "tokens.json");
  const tokens = {
    steward: addToken(tokensFile, ["--role", "steward", "--name", "LMA beheer"]),
    submitter: addToken(tokensFile, ["--role", "submitter", "--submitter", VALID_SUBMITTER, "--name", "GGZ Lindenhove"]),
    other: addToken(tokensFile, ["--role", "submitter", "--submitter", OTHER_SUBMITTER, "--name", "GGZ Andere"]),
  };
  const server = spawn(
    lmacheck,
    ["serve", "--store", path.join(dir, "lma.db"), "--port", "0", "--tokens", tokensFile],
    { stdio: ["ignore", "pipe", "pipe"] }
  );
  const log = [];
  server.stderr.on("data", (chunk) => log.push(chunk.toString()));
  const url = new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("no 'listening on' line from lmacheck serve")), STEP_TIMEOUT_MS);
    server.stdout.on("data", (chunk) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ""));
      }
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`lmacheck serve exited (${code}) before listening:\n${log.join("")}`));
    });
  });
  return { server, url, tokens, log };
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve(server.exitCode);
    const timer = setTimeout(() => server.kill("SIGKILL"), 10000);
    server.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? signal : code);
    });
    server.kill("SIGTERM");
  });
}

// ------------------------------------------------------------- the checks
const results = [];

async function check(name, body) {
  let timer;
  const limit = Math.min(STEP_TIMEOUT_MS, TOTAL_BUDGET_MS - (Date.now() - startedAt));
  try {
    if (limit <= 0) throw new Error(`not run: the test's ${TOTAL_BUDGET_MS / 1000} s are used up`);
    await Promise.race([
      body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
      }),
    ]);
    results.push(true);
    console.log(`PASS ${name}`);
  } catch (error) {
    results.push(false);
    console.log(`FAIL ${name}: ${error && error.message ? error.message.split("\n")[0] : error}`);
  } finally {
    clearTimeout(timer);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// The report is in a shadow root: its text, as a person would read it.
async function reportText(page, container) {
  return page.$eval(container, (element) => {
    const host = element.querySelector(".report-host");
    return host && host.shadowRoot ? host.shadowRoot.textContent : "";
  });
}

async function reportLang(page, container) {
  return page.$eval(container, (element) => {
    const host = element.querySelector(".report-host");
    return host ? host.lang : "";
  });
}

// The test finds the controls by their role and accessible name (label), as a
// screen reader user does: a control without a proper label fails the test.

// Drops files on the drop zone as a drag from the desktop does.
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) }));
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: "application/json" }));
    return data;
  }, payload);
  await page.dispatchEvent("#drop-zone", "dragenter", { dataTransfer: transfer });
  await page.dispatchEvent("#drop-zone", "dragover", { dataTransfer: transfer });
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer: transfer });
}

// Waits until the page has finished what the last action started in a
// region (it is aria-busy while a request runs), then returns the status.
async function settled(page, region, statusSelector) {
  await page.waitForSelector(`${region}[aria-busy="false"]`, { state: "attached", timeout: STEP_TIMEOUT_MS });
  return page.textContent(statusSelector);
}

const checked = (page) => settled(page, "#check-report", "#check-status");
const handedIn = (page) => settled(page, "#submit-report", "#submit-status");
const overviewDone = (page) => settled(page, "#overview", "#overview-status");

function expectMatch(text, pattern) {
  expect(pattern.test(text), `status says '${text}', expected ${pattern}`);
}

// Every heading's level by its name, from Chromium's accessibility tree.
async function headingLevels(page) {
  const session = await page.context().newCDPSession(page);
  const { nodes } = await session.send("Accessibility.getFullAXTree");
  await session.detach();
  const levels = {};
  for (const node of nodes) {
    if (!node.role || node.role.value !== "heading" || !node.name) continue;
    const level = (node.properties || []).find((p) => p.name === "level");
    levels[node.name.value] = level ? level.value.value : undefined;
  }
  return levels;
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(screenshots, name), fullPage: true });
}

async function scenario(baseUrl, tokens) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
    timeout: STEP_TIMEOUT_MS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL" });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    const consoleProblems = [];
    page.on("console", (m) => {
      // The browser asks for /favicon.ico by itself; the page has none.
      if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location().url || "")) consoleProblems.push(m.text());
    });
    page.on("pageerror", (e) => consoleProblems.push(String(e)));
    page.on("dialog", (d) => {
      consoleProblems.push("dialog: " + d.message());
      d.dismiss();
    });
    const requests = [];
    page.on("request", (r) => requests.push({ url: r.url(), headers: r.headers() }));

    const invalid = { name: path.basename(INVALID_SAMPLE), bytes: fs.readFileSync(INVALID_SAMPLE) };
    const valid = fs.readFileSync(VALID_SAMPLE);

    await check("the page loads in Dutch with the security headers, nothing from elsewhere", async () => {
      const response = await page.goto(baseUrl + "/");
      expect(response.status() === 200, `GET / answered ${response.status()}`);
      const csp = response.headers()["content-security-policy"] || "";
      expect(/default-src 'self'/.test(csp), `Content-Security-Policy is '${csp}'`);
      expect(!/unsafe-inline/.test(csp), "the CSP allows unsafe-inline");
      expect(response.headers()["x-content-type-options"] === "nosniff", "no X-Content-Type-Options: nosniff");
      expect((await page.getAttribute("html", "lang")) === "nl", "html lang is not nl");
      const title = await page.textContent("h1");
      expect(/controleren en inleveren/.test(title), `h1 is '${title}'`);
      const foreign = requests.filter((r) => !r.url.startsWith(baseUrl + "/"));
      expect(foreign.length === 0, `requests elsewhere: ${foreign.map((r) => r.url).join(", ")}`);
    });

    await check("a dropped invalid sample shows its findings in Dutch, styled by the report's own CSS", async () => {
      await dropFiles(page, [invalid]);
      const status = await checked(page);
      expectMatch(status, /^Controle klaar\..*afgewezen/);
      const text = await reportText(page, "#check-report");
      expect(/Fouten \(1\)/.test(text), "no 'Fouten (1)' group in the report");
      expect(/fact\.certified-within-teams/.test(text), "the rule is not in the report");
      expect(/gecertificeerde teams/.test(text), "the Dutch message is not in the report");
      expect((await reportLang(page, "#check-report")) === "nl", "the report is not marked Dutch");
      // For a screen reader the report's own headings sit below the section's h2
      // (Chromium's accessibility tree, as assistive technology gets it).
      const levels = await headingLevels(page);
      expect(levels["lmacheck-rapport"] === 3, `the report's title has level ${levels["lmacheck-rapport"]}`);
      expect(levels["Fouten (1)"] === 5, `the errors group has level ${levels["Fouten (1)"]}`);
      const background = await page.$eval("#check-report .report-host", (host) =>
        getComputedStyle(host.shadowRoot.querySelector(".status.rejected")).backgroundColor
      );
      expect(background === "rgb(253, 226, 225)", `the report's style did not apply (background ${background})`);
      expect(consoleProblems.length === 0, `console: ${consoleProblems.join(" | ")}`);
      await shoot(page, "01-findings-nl.png");
    });

    await check("switching to English shows the page and the findings in English, and is remembered", async () => {
      await page.getByRole("button", { name: "English" }).click();
      expectMatch(await checked(page), /^Check done\./);
      const text = await reportText(page, "#check-report");
      expect(/Errors \(1\)/.test(text), "no 'Errors (1)' group in the English report");
      expect(/certified_teams 7 is more than teams 6/.test(text), "the English message is not in the report");
      expect((await page.getAttribute("html", "lang")) === "en", "html lang is not en");
      expect((await page.getAttribute("button[data-lang=en]", "aria-pressed")) === "true", "English not pressed");
      await shoot(page, "02-findings-en.png");
      await page.reload();
      expect((await page.getAttribute("html", "lang")) === "en", "the choice of English was not remembered");
      await page.getByRole("button", { name: "Nederlands" }).click();
      expect((await page.getAttribute("html", "lang")) === "nl", "could not switch back to Dutch");
    });

    await check("a file name with markup is shown as text, never run", async () => {
      // (No quotes: a browser sends '"' in a multipart file name as %22.)
      const name = "<img src=x onerror=alert(1)>&amp;.json";
      await dropFiles(page, [{ name, bytes: invalid.bytes }]);
      expectMatch(await checked(page), /^Controle klaar\./);
      const text = await reportText(page, "#check-report");
      expect(text.includes(name), "the file name is not shown as text");
      const images = await page.$eval("#check-report .report-host", (host) => host.shadowRoot.querySelectorAll("img").length);
      expect(images === 0, "the file name became an element");
      expect(consoleProblems.length === 0, `console: ${consoleProblems.join(" | ")}`);
    });

    await check("an unknown token is refused (401) with a Dutch message", async () => {
      await page.getByLabel("Bestanden kiezen").setInputFiles(VALID_SAMPLE);
      expectMatch(await checked(page), /^Controle klaar\./);
      await page.getByLabel("Token", { exact: true }).fill("not-a-token");
      await page.getByRole("button", { name: "Inleveren", exact: true }).click();
      expectMatch(await handedIn(page), /ontbreekt of is onbekend/);
    });

    await check("another institution's token cannot hand in this file (403)", async () => {
      await page.getByLabel("Token", { exact: true }).fill(tokens.other);
      await page.getByRole("button", { name: "Inleveren", exact: true }).click();
      expectMatch(await handedIn(page), /horen bij een andere inzender/);
    });

    // It also chooses, after the drop, the file the picker held before: the page must take it (it once kept
    // the dropped file, because choosing the same file again fired no change event).
    await check("handing in a file with errors is refused (422): the page says it was not stored", async () => {
      await page.getByLabel("Token", { exact: true }).fill(tokens.submitter);
      await dropFiles(page, [invalid]);
      expectMatch(await checked(page), /^Controle klaar\./);
      await page.getByRole("button", { name: "Inleveren", exact: true }).click();
      expectMatch(await handedIn(page), /^Niet alles is opgeslagen/);
      const text = await reportText(page, "#submit-report");
      expect(/afgewezen/.test(text) && /fact\.certified-within-teams/.test(text), "the hand-in report lacks the rejection");
      expect(await page.isHidden("#stored"), "a stored table is shown although nothing was stored");
      await page.getByLabel("Bestanden kiezen").setInputFiles(VALID_SAMPLE);
      expectMatch(await checked(page), /^Controle klaar\./);
    });

    await check("the submitter's token hands in the valid sample and shows what was stored", async () => {
      await page.getByLabel("Token", { exact: true }).fill(tokens.submitter);
      await page.getByRole("button", { name: "Inleveren", exact: true }).click();
      expectMatch(await handedIn(page), /^Ingeleverd: het bestand is opgeslagen/);
      await page.waitForSelector("#stored:not([hidden])");
      const stored = await page.textContent("#stored-table");
      const sha = crypto.createHash("sha256").update(valid).digest("hex");
      expect(stored.includes(VALID_SUBMITTER), "the stored table lacks the submitter");
      expect(stored.includes(sha), "the stored table lacks the file's SHA-256");
      const submit = requests.filter((r) => r.url.includes("/api/v1/submissions"));
      expect(submit.length > 0, "no request to /api/v1/submissions");
      expect(
        submit.every((r) => r.headers.authorization && r.headers.authorization.startsWith("Bearer ")),
        "a submissions request went without the Authorization header"
      );
      await shoot(page, "03-handed-in-nl.png");
    });

    await check("the token travels only in the Authorization header (never in a URL, cookie or storage)", async () => {
      for (const token of [tokens.submitter, tokens.other]) {
        expect(!requests.some((r) => r.url.includes(token)), "a URL holds the token");
        expect(!requests.some((r) => (r.headers.cookie || "").includes(token)), "a cookie holds the token");
      }
      expect((await page.evaluate(() => document.cookie)) === "", "the page set a cookie");
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(!stored.includes(tokens.submitter), "the token is in storage without being asked to");
    });

    await check("a submitter's token does not get the year overview (403)", async () => {
      await page.getByLabel("Jaar", { exact: true }).fill(YEAR);
      await page.getByRole("button", { name: "Overzicht tonen" }).click();
      expectMatch(await overviewDone(page), /^Alleen een beheerderstoken/);
      expect(await page.isHidden("#overview"), "an overview table is shown");
    });

    await check("the steward's token shows the year overview with the handed-in submission", async () => {
      await page.getByLabel("Token", { exact: true }).fill(tokens.steward);
      await page.getByRole("button", { name: "Overzicht tonen" }).click();
      expectMatch(await overviewDone(page), /^2019: 1 ingeleverd/);
      const row = await page.$$eval("#overview-table tbody tr", (rows, id) => {
        const match = rows.find((r) => r.cells[0].textContent === id);
        return match ? match.textContent : "";
      }, VALID_SUBMITTER);
      expect(/ingeleverd/.test(row), `the row of ${VALID_SUBMITTER} is '${row}'`);
      const missing = await page.$$eval("#overview-table .status-missing", (cells) => cells.length);
      expect(missing > 0, "no missing submitter in the overview (every municipality is expected)");
      await shoot(page, "04-overview-nl.png");
    });

    await check("keyboard: Tab reaches the skip link, the language switch and the file chooser in order", async () => {
      await page.goto(baseUrl + "/");
      const order = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("Tab");
        order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className || document.activeElement.dataset.lang));
      }
      expect(order[0] === "skip-link", `first Tab focuses '${order[0]}'`);
      expect(order[1] === "nl" && order[2] === "en", `then '${order[1]}', '${order[2]}'`);
      expect(order[3] === "file-input", `then '${order[3]}'`);
      const outline = await page.$eval("label[for=file-input]", (l) => getComputedStyle(l).outlineStyle);
      expect(outline === "solid", "the focused file chooser shows no focus outline");
    });

    await check("on a phone (390 px) the page fits the width and shows the findings", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      phone.setDefaultTimeout(STEP_TIMEOUT_MS);
      const small = await phone.newPage();
      await small.goto(baseUrl + "/");
      await dropFiles(small, [invalid]);
      expectMatch(await checked(small), /^Controle klaar\./);
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 390, `the page is ${width} px wide`);
      await shoot(small, "05-phone-390.png");
      await phone.close();
    });
  } finally {
    await browser.close();
  }
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true });
  let baseUrl = process.env.LMACHECK_BASE_URL; // for developing the page against another server
  let tokens = { steward: process.env.STEWARD_TOKEN, submitter: process.env.SUBMITTER_TOKEN, other: process.env.OTHER_TOKEN };
  let serverRun = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lmacheck-browser-"));
  try {
    if (!baseUrl) {
      serverRun = startServer(dir);
      tokens = serverRun.tokens;
      baseUrl = await serverRun.url;
    }
    await scenario(baseUrl, tokens);
    if (serverRun) {
      await check("lmacheck serve stops on SIGTERM with exit code 0", async () => {
        const code = await stopServer(serverRun.server);
        expect(code === 0, `exit ${code}`);
      });
    }
  } catch (error) {
    console.log(`ERROR ${error && error.stack ? error.stack : error}`);
    if (serverRun) console.log(serverRun.log.join(""));
    results.push(false);
  } finally {
    if (serverRun && serverRun.server.exitCode === null) await stopServer(serverRun.server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${screenshots}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
