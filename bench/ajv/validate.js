// Peer on the schema layer for scripts/bench.sh: reads every *.json below the
// given paths, parses it and validates it with ajv against lmacheck's own
// schemas, chosen by kind as lmacheck chooses them (envelope otherwise), with
// every error collected (allErrors, as lmacheck reports them all) and
// `format: date-time` checked (ajv-formats).
//
//   node validate.js SCHEMA_DIR PATH...   prints one line of JSON
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function jsonFiles(paths) {
  const files = [];
  const walk = (p) => {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) { files.push(p); return; }
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      const child = path.join(p, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.json')) files.push(child);
    }
  };
  paths.forEach(walk);
  return files.sort();
}

const start = process.hrtime.bigint();
const [schemaDir, ...paths] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const load = (name) => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8')));
const schemas = {
  institution: load('institution-1.0.schema.json'),
  municipality: load('municipality-1.0.schema.json'),
  envelope: load('envelope-1.0.schema.json'),
};

let files = 0, bytes = 0, valid = 0, errors = 0, unparsable = 0;
for (const file of jsonFiles(paths)) {
  const buffer = fs.readFileSync(file);
  files += 1;
  bytes += buffer.length;
  let document;
  try {
    document = JSON.parse(buffer.toString('utf8'));
  } catch (e) {
    unparsable += 1;
    continue;
  }
  const isObject = document !== null && typeof document === 'object' && !Array.isArray(document);
  const kind = isObject && document.format_version === '1.0' ? document.kind : undefined;
  const validate = schemas[kind === 'institution' || kind === 'municipality' ? kind : 'envelope'];
  if (validate(document)) valid += 1;
  else errors += validate.errors.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ files, bytes, valid, errors, unparsable, seconds }));
