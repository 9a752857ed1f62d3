// The console end to end in a real browser (Debian's chromium driven by playwright-core), against
// a running platform. e2e's ConsoleBrowserIT starts the platform and runs this script; it can also
// run against `./slipway dev` by hand (see docs/web.md).
//
//   SLIPWAY_URL=http://127.0.0.1:8080 SLIPWAY_TEAM=payments SLIPWAY_DEVELOPER=alice \
//   SLIPWAY_TECH_LEAD=bob SLIPWAY_PASSWORD=... node web/browser/console-flow.mjs
//
// A developer signs in, deploys to dev and sees SUCCEEDED, reads the app's logs and Kubernetes
// events, clones dev, requests a production deploy (which waits for approval); a tech lead signs
// in, reads the request's plan diff and cost change, approves, and sees it applied. What the
// browser showed of logs and events is written to SLIPWAY_RESULT (JSON) for the caller to check
// against the API.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const url = env('SLIPWAY_URL');
const team = env('SLIPWAY_TEAM', 'payments');
const developer = env('SLIPWAY_DEVELOPER', 'alice');
const techLead = env('SLIPWAY_TECH_LEAD', 'bob');
const password = env('SLIPWAY_PASSWORD');
const clone = env('SLIPWAY_CLONE_NAME', 'dev-copy');
const shots = env('SLIPWAY_SCREENSHOTS', join(tmpdir(), 'slipway-console-screenshots'));
const executablePath = env('SLIPWAY_CHROMIUM', '/usr/bin/chromium');
const resultFile = process.env.SLIPWAY_RESULT;
const shown = {};
const OPERATION_TIMEOUT = 180_000;

mkdirSync(shots, { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'slipway-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 860 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
context.setDefaultTimeout(60_000);
const page = context.pages()[0] ?? (await context.newPage());
page.on('console', (message) => {
  if (message.type() === 'error') console.log(`[browser] ${message.text()}`);
});

function step(name) {
  console.log(`${new Date().toISOString()} ${name}`);
}

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signIn(username) {
  step(`sign in as ${username}`);
  await page.goto(`${url}/console/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The provider's login page (the testkit's or Keycloak's: same field names).
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.getByRole('heading', { name: `Environments of ${team}` }).waitFor();
  await page.getByText(username, { exact: false }).first().waitFor();
}

/**
 * Waits for the operation on the page to reach the expected state, or to end otherwise; fails
 * unless it reached the expected one.
 */
async function operationEnds(expected) {
  const states = [...new Set([expected, 'SUCCEEDED', 'FAILED', 'REJECTED'])];
  const end = page.locator(states.map((s) => `.operation .badge[data-state="${s}"]`).join(', '));
  await end.first().waitFor({ timeout: OPERATION_TIMEOUT });
  const state = await end.first().getAttribute('data-state');
  if (state !== expected) {
    throw new Error(`operation ended ${state}, expected ${expected}: ${await page.locator('.operation').last().innerText()}`);
  }
  step(`operation ${state}`);
}

/**
 * Asks for the plan as a user would, again after a 504: on a loaded machine the first plan (a
 * dry-run apply against the API server, in a JVM not yet warm) can outlast the gateway's upstream
 * timeout.
 */
async function reviewPlan(form) {
  for (let attempt = 1; ; attempt++) {
    await form.getByRole('button', { name: 'Review plan' }).click();
    const plan = form.getByRole('region', { name: 'Plan' });
    const problem = form.getByRole('alert');
    await problem.waitFor({ state: 'hidden' });
    await plan.or(problem).first().waitFor({ timeout: 90_000 });
    if (await plan.isVisible()) return;
    const text = await problem.innerText();
    if (!text.startsWith('Upstream timeout') || attempt === 5) throw new Error(`no plan: ${text}`);
    step(`plan attempt ${attempt}: ${text}; again`);
  }
}

async function deploy(environment, button) {
  step(`deploy hello to ${environment}`);
  await page.goto(`${url}/console/teams/${team}/envs/${environment}`);
  const form = page.getByRole('form', { name: 'Deploy an app' });
  await form.getByLabel('Name', { exact: true }).fill('hello');
  await form.getByLabel('Image', { exact: true }).fill('nginxinc/nginx-unprivileged:1.27');
  await form.getByLabel('Port', { exact: true }).fill('8080');
  await reviewPlan(form);
  await form.locator('summary', { hasText: 'Deployment/hello' }).waitFor();
  await shot(`plan-${environment}`);
  await form.getByRole('button', { name: button, exact: true }).click();
}

/**
 * The developer's view of the running app: its Kubernetes events (asked again until the cluster
 * has reported some) and its logs as the gateway answers them, lines or the reason there are none;
 * with lines, the live tail too.
 */
async function observe(environment) {
  step(`observe hello in ${environment}`);
  await page.goto(`${url}/console/teams/${team}/envs/${environment}/apps/hello`);
  const events = page.getByRole('table', { name: 'Kubernetes events' });
  for (let attempt = 1; !(await events.isVisible()); attempt++) {
    if (attempt > 30) throw new Error('no Kubernetes events of hello shown in 60 s');
    await page.waitForTimeout(2_000);
    await page.getByRole('button', { name: 'Refresh events' }).click();
  }
  shown.events = await events.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({ reason: row.cells[1].innerText.trim(), object: row.cells[2].innerText.trim() })),
  );
  step(`events shown: ${shown.events.map((e) => `${e.reason} ${e.object}`).join(', ')}`);

  const logs = page.getByRole('region', { name: 'Logs' });
  const lines = logs.getByRole('log', { name: 'Log lines' }).locator('.log-line');
  const status = logs.getByRole('status');
  await status.filter({ hasNotText: 'Reading' }).waitFor({ timeout: 60_000 });
  const problem = logs.getByRole('alert');
  shown.logs = {
    lines: await lines.evaluateAll((spans) => spans.map((s) => s.innerText.trim())),
    problem: (await problem.isVisible()) ? await problem.innerText() : null,
  };
  step(`logs shown: ${shown.logs.lines.length} line(s)${shown.logs.problem ? `, problem: ${shown.logs.problem}` : ''}`);
  if (shown.logs.lines.length > 0) {
    await logs.getByRole('button', { name: 'Follow' }).click();
    await lines.first().waitFor({ timeout: 30_000 });
    shown.logs.followed = await lines.count();
    await logs.getByRole('button', { name: 'Stop following' }).click();
  }
  await page.getByRole('heading', { name: 'Metrics' }).waitFor();
  await page.getByText(/^Not available: |Requests per second|CPU per pod/).first().waitFor();
  await shot('app-observe');
}

let failed = false;
try {
  await signIn(developer);
  await shot('environments');

  // A bad spec: the field's reason is shown beside it, nothing is deployed.
  await page.goto(`${url}/console/teams/${team}/envs/dev`);
  const form = page.getByRole('form', { name: 'Deploy an app' });
  await form.getByLabel('Name', { exact: true }).fill('Hello_World');
  await form.getByLabel('Image', { exact: true }).fill('nginx');
  await form.getByRole('button', { name: 'Review plan' }).click();
  await form.locator('.field-error').first().waitFor();
  if ((await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')) !== 'true') {
    throw new Error('the name field is not marked invalid');
  }
  await shot('field-errors');

  await deploy('dev', 'Deploy');
  await operationEnds('SUCCEEDED');
  await page.getByRole('link', { name: 'hello' }).waitFor();
  await shot('deployed');
  await observe('dev');

  step(`clone dev as ${clone}`);
  await page.goto(`${url}/console/teams/${team}`);
  await page.getByRole('button', { name: 'Clone dev', exact: true }).click();
  const cloneForm = page.getByRole('form', { name: 'Clone dev' });
  await cloneForm.getByLabel('New name', { exact: true }).fill(clone);
  await cloneForm.getByLabel('Kind', { exact: true }).selectOption('development');
  await cloneForm.getByRole('button', { name: 'Clone environment' }).click();
  await operationEnds('SUCCEEDED');
  await page.getByRole('rowheader', { name: new RegExp(`^${clone}`) }).waitFor();
  await shot('cloned');

  // A developer's production deploy is held for a tech lead, bound to the reviewed plan.
  await deploy('production', 'Request approval');
  await operationEnds('PENDING_APPROVAL');
  await shot('approval-requested');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();

  await signIn(techLead);
  await page.getByRole('link', { name: 'Approvals' }).click();
  const approve = page.getByRole('button', { name: /^Approve / }).first();
  await approve.waitFor();
  // The request shows what it would change: the plan of the held spec, bound to its hash, and
  // the monthly cost change.
  const request = page.getByRole('listitem', { name: 'app.deploy hello in ' + `${team}/production` });
  await request.locator('summary', { hasText: 'Deployment/hello' }).waitFor({ timeout: 90_000 });
  await request.getByText('approving applies exactly this', { exact: false }).waitFor();
  await request.getByText('Cost change:', { exact: false }).waitFor();
  shown.approvalPlan = await request.locator('.plan summary').allInnerTexts();
  shown.approvalDiff = (await request.locator('.diff').allTextContents()).join('\n');
  step(`approval plan shown: ${shown.approvalPlan.join(', ')}`);
  await shot('approvals');
  await approve.click();
  await operationEnds('SUCCEEDED');
  await shot('approved');

  step('the production app, applied');
  await page.goto(`${url}/console/teams/${team}/envs/production/apps/hello`);
  await page.getByText('revision 1', { exact: false }).first().waitFor();
  await shot('app');
  step('done');
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.stack ?? error}`);
  console.error(`at ${page.url()}:\n${(await page.locator('body').innerText().catch(() => '')).slice(0, 4000)}`);
  await shot('failure').catch(() => {});
} finally {
  if (resultFile) writeFileSync(resultFile, JSON.stringify(shown, null, 2));
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
