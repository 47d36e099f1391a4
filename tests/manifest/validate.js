#!/usr/bin/env node
// Validates a filled-in PestProtocol Teams app package folder, offline.
//
//   node validate.js <manifest.json> [<localization.json> ...]
//
// Checks, and prints every problem found (exit code 1 when there is any):
//   - the manifest against its $schema (v1.29, shipped inside @microsoft/app-manifest);
//   - every localization file (those given and those named in localizationInfo) against the
//     localization schema, and that each of its keys points at something in the manifest;
//   - the limits Teams enforces beyond the schema: bot command title <= 32 and description <= 128
//     characters, activity type <= 32 characters, validDomains as bare host names, version as
//     MAJOR.MINOR.PATCH;
//   - that no ${{PLACEHOLDER}} is left;
//   - the icons: color 192x192, outline 32x32, outline only white pixels on transparency.
"use strict";

const fs = require("fs");
const path = require("path");
const { AppManifestUtils } = require("@microsoft/app-manifest");
const { readPng } = require("./png");

const OFFLINE_SCHEMA_PREFIX = "https://developer.microsoft.com/json-schemas/teams/";
const COMMAND_TITLE_MAX = 32;
const COMMAND_DESCRIPTION_MAX = 128;
const ACTIVITY_TYPE_MAX = 32;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function readJson(file, problems) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    problems.push(`${file}: cannot be read (${e.code || e.message})`);
    return undefined;
  }
  for (const match of text.matchAll(PLACEHOLDER)) {
    problems.push(`${file}: placeholder \${{${match[1]}}} was not filled in`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push(`${file}: is not valid JSON (${e.message})`);
    return undefined;
  }
}

async function checkSchema(file, json, problems) {
  const schemaUrl = json.$schema;
  if (typeof schemaUrl !== "string" || !schemaUrl.startsWith(OFFLINE_SCHEMA_PREFIX)) {
    problems.push(`${file}: $schema must start with ${OFFLINE_SCHEMA_PREFIX} (validation runs offline)`);
    return;
  }
  const schema = usableWithUnicodeRegExps(await AppManifestUtils.fetchSchema(schemaUrl));
  const errors = await AppManifestUtils.validateAgainstSchema(json, schema);
  for (const error of errors) {
    problems.push(`${file}: schema: ${error.trim()}`);
  }
}

// The published localization schema has property-name patterns with a lone "]" (e.g.
// "activities.activityTypes\[\b(...)\b]\.description"), which Ajv rejects because it compiles
// patterns with the "u" flag. A lone "]" outside a character class means a literal "]", so
// escaping it keeps the meaning and lets the schema compile.
function usableWithUnicodeRegExps(schema) {
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (node.patternProperties && typeof node.patternProperties === "object") {
      const fixed = {};
      for (const [pattern, value] of Object.entries(node.patternProperties)) {
        fixed[compilesWithUnicodeFlag(pattern) ? pattern : pattern.replace(/\\b\]/g, "\\b\\]")] = value;
      }
      node.patternProperties = fixed;
    }
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return schema;
}

function compilesWithUnicodeFlag(pattern) {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function checkTeamsLimits(file, manifest, problems) {
  if (typeof manifest.version === "string" && !/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/.test(manifest.version)) {
    problems.push(`${file}: version must be MAJOR.MINOR.PATCH (e.g. 1.0.0), got "${manifest.version}"`);
  }
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot, b) => {
    (bot.commandLists || []).forEach((list, l) => {
      (list.commands || []).forEach((command, c) => {
        const where = `bots[${b}].commandLists[${l}].commands[${c}]`;
        checkLength(file, `${where}.title`, command.title, COMMAND_TITLE_MAX, problems);
        checkLength(file, `${where}.description`, command.description, COMMAND_DESCRIPTION_MAX, problems);
      });
    });
  });
  const activityTypes = (manifest.activities && manifest.activities.activityTypes) || [];
  activityTypes.forEach((activity, a) => {
    checkLength(file, `activities.activityTypes[${a}].type`, activity.type, ACTIVITY_TYPE_MAX, problems);
  });
  (manifest.validDomains || []).forEach((domain, d) => {
    if (typeof domain === "string" && domain.includes("/")) {
      problems.push(`${file}: validDomains[${d}] must be a host name without scheme or path, got "${domain}"`);
    }
  });
}

function checkLocalizationLimits(file, localization, problems) {
  for (const [key, value] of Object.entries(localization)) {
    if (/^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key)) {
      checkLength(file, key, value, COMMAND_TITLE_MAX, problems);
    } else if (/^bots\[\d+\]\.commandLists\[\d+\]\.commands\[\d+\]\.description$/.test(key)) {
      checkLength(file, key, value, COMMAND_DESCRIPTION_MAX, problems);
    }
  }
}

function checkLength(file, where, value, max, problems) {
  if (typeof value === "string" && [...value].length > max) {
    problems.push(`${file}: ${where} is ${[...value].length} characters, Teams allows at most ${max}`);
  }
}

// "bots[0].commandLists[1].commands[2].title" -> the value at that place in the manifest, or undefined.
function resolveKey(manifest, key) {
  let node = manifest;
  for (const part of key.split(".")) {
    const match = /^([A-Za-z0-9_$]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    node = node == null ? undefined : node[match[1]];
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) {
      node = Array.isArray(node) ? node[Number(index[1])] : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

function checkLocalizationKeys(file, localization, manifest, problems) {
  for (const key of Object.keys(localization)) {
    if (key === "$schema" || key === "localizationKeys") continue;
    if (typeof resolveKey(manifest, key) !== "string") {
      problems.push(`${file}: key "${key}" does not name a text in the manifest`);
    }
  }
}

function checkIcons(manifestFile, manifest, problems) {
  const icons = manifest.icons || {};
  const folder = path.dirname(manifestFile);
  const expected = [
    ["color", 192],
    ["outline", 32],
    ["color32x32", 32],
  ];
  for (const [name, size] of expected) {
    if (typeof icons[name] !== "string") continue;
    const file = path.join(folder, icons[name]);
    let png;
    try {
      png = readPng(fs.readFileSync(file));
    } catch (e) {
      problems.push(`${file}: icons.${name} is not a readable PNG (${e.code || e.message})`);
      continue;
    }
    if (png.width !== size || png.height !== size) {
      problems.push(`${file}: icons.${name} must be ${size}x${size} pixels, is ${png.width}x${png.height}`);
    }
    if (name === "outline") {
      checkOutlinePixels(file, png, problems);
    }
  }
}

function checkOutlinePixels(file, png, problems) {
  if (!png.pixels) {
    problems.push(`${file}: icons.outline must be an 8-bit RGBA or grey+alpha PNG (${png.reason})`);
    return;
  }
  let coloured = 0;
  let opaqueSomewhere = false;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.pixels.subarray(i * 4, i * 4 + 4);
    if (a === 0) continue;
    opaqueSomewhere = true;
    if (r !== 255 || g !== 255 || b !== 255) coloured++;
  }
  if (coloured > 0) {
    problems.push(`${file}: icons.outline must be white on transparent; ${coloured} visible pixels are not white`);
  }
  if (!opaqueSomewhere) {
    problems.push(`${file}: icons.outline is fully transparent`);
  }
}

async function validate(manifestFile, extraLocalizationFiles) {
  const problems = [];
  const manifest = readJson(manifestFile, problems);
  if (manifest === undefined) return problems;

  await checkSchema(manifestFile, manifest, problems);
  checkTeamsLimits(manifestFile, manifest, problems);
  checkIcons(manifestFile, manifest, problems);

  const folder = path.dirname(manifestFile);
  const named = ((manifest.localizationInfo && manifest.localizationInfo.additionalLanguages) || [])
    .filter((language) => typeof language.file === "string")
    .map((language) => path.join(folder, language.file));
  const defaultFile = manifest.localizationInfo && manifest.localizationInfo.defaultLanguageFile;
  if (typeof defaultFile === "string") named.push(path.join(folder, defaultFile));

  const seen = new Set();
  for (const file of [...named, ...extraLocalizationFiles]) {
    const resolved = path.resolve(file);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    const localization = readJson(file, problems);
    if (localization === undefined) continue;
    await checkSchema(file, localization, problems);
    checkLocalizationLimits(file, localization, problems);
    checkLocalizationKeys(file, localization, manifest, problems);
  }
  return problems;
}

async function main(argv) {
  if (argv.length < 1) {
    console.error("usage: node validate.js <manifest.json> [<localization.json> ...]");
    return 2;
  }
  const [manifestFile, ...localizationFiles] = argv;
  const problems = await validate(manifestFile, localizationFiles);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s) found:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`${manifestFile}: valid (schema, Teams limits, localization, icons)`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`validation could not run: ${error.message}`);
      process.exit(2);
    },
  );
}

module.exports = { validate, resolveKey };
