'use strict';
// The UI's message catalogues: every area has the same keys in every language with the same {placeholders},
// and every key the code names literally in t('...') exists. Runs without a browser.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const SOURCE = path.resolve(__dirname, '../../admin-ui/src');
const LANGUAGES = ['en', 'zh-CN'];

async function catalogues() {
  const index = await import(pathToFileURL(path.join(SOURCE, 'messages/index.js')));
  return index.catalogues;
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

function sourceFiles(directory) {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

test('every area has the same keys and placeholders in every language', async () => {
  for (const [area, messages] of Object.entries(await catalogues())) {
    assert.deepEqual(Object.keys(messages).sort(), [...LANGUAGES].sort(), `${area}: languages`);
    const [first, ...others] = LANGUAGES;
    for (const other of others) {
      const missing = Object.keys(messages[first]).filter((key) => !(key in messages[other]));
      const extra = Object.keys(messages[other]).filter((key) => !(key in messages[first]));
      assert.deepEqual(missing, [], `${area}: keys missing in ${other}`);
      assert.deepEqual(extra, [], `${area}: keys missing in ${first}`);
      for (const key of Object.keys(messages[first])) {
        assert.deepEqual(placeholders(messages[other][key]), placeholders(messages[first][key]), `${area}: placeholders of ${key}`);
      }
    }
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(messages[language])) {
        assert.equal(typeof text, 'string', `${area}/${language}: ${key}`);
        assert.ok(text.trim().length > 0, `${area}/${language}: ${key} is empty`);
      }
    }
  }
});

test('no key is defined by two areas', async () => {
  const owner = new Map();
  for (const [area, messages] of Object.entries(await catalogues())) {
    for (const key of Object.keys(messages.en)) {
      assert.ok(!owner.has(key), `${key} is in both ${owner.get(key)} and ${area}`);
      owner.set(key, area);
    }
  }
});

test('every literal t() key in the code has a message', async () => {
  const known = new Set(Object.values(await catalogues()).flatMap((messages) => Object.keys(messages.en)));
  const unknown = [];
  for (const file of sourceFiles(SOURCE)) {
    const code = fs.readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\bt\(\s*'([^']+)'/g)) {
      if (!known.has(match[1])) unknown.push(`${path.relative(SOURCE, file)}: ${match[1]}`);
    }
  }
  assert.deepEqual(unknown, []);
});
