/**
 * Schema check: ajv (JSON Schema 2020-12) with every error reported, each at
 * the position of the offending value, or of the key for unknown properties.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { ROOT, SCHEMA_FILE } from './paths.js';
import { numberText, quoted } from './show.js';
import { closest, type Diagnostic } from './diagnostics.js';
import { fromPointer, type Segment, type SourceMap } from './yaml.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const standalone = standaloneModule.default;
const require = createRequire(import.meta.url);

/** Where compiled validators are kept between runs (the usual place for a package's caches). */
export const VALIDATOR_CACHE = join(ROOT, 'node_modules', '.cache', 'brief');
/** Changes whenever what the cache key must cover changes: this file's options, ajv's version. */
const CACHE_KEY = `v1 ajv ${(require('ajv/package.json') as { version: string }).version}`;

const compiled = new Map<string, ValidateFunction>();

/** The validator for a schema file, built once per process (watch mode pays once). */
function validator(schemaFile: string): ValidateFunction {
  let v = compiled.get(schemaFile);
  if (!v) {
    v = loadValidator(schemaFile, VALIDATOR_CACHE);
    compiled.set(schemaFile, v);
  }
  return v;
}

/**
 * Compiling a schema with ajv takes a tenth of a second at start-up; its
 * standalone code, kept in a cache keyed by the schema's text and ajv's
 * version, loads in a few milliseconds. The cache is best effort: when it
 * cannot be read or written, the schema is compiled as usual.
 */
export function loadValidator(schemaFile: string, cacheDir: string): ValidateFunction {
  const text = readFileSync(schemaFile, 'utf8');
  const key = createHash('sha256').update(CACHE_KEY).update(text).digest('hex').slice(0, 16);
  const cached = join(cacheDir, `${basename(schemaFile, '.json')}-${key}.cjs`);
  try {
    return require(cached) as ValidateFunction;
  } catch {
    /* not cached yet */
  }
  // The schemas are Brief's own and a test checks them against the meta-schema,
  // so they are not validated again on every start (a third of the compile time).
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    verbose: true,
    allowUnionTypes: true,
    validateSchema: false,
    code: { source: true },
  });
  addFormats(ajv, ['date', 'date-time', 'uri', 'email']);
  const v = ajv.compile(JSON.parse(text) as object);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, standalone(ajv, v));
    renameSync(temp, cached);
  } catch {
    /* a read-only install: compile again next time */
  }
  return v;
}

/** Checks a dataset against data/schema/brief.schema.json. */
export function checkSchema(data: unknown, map: SourceMap, schemaFile = SCHEMA_FILE): Diagnostic[] {
  const validate = validator(schemaFile);
  if (validate(data)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const errors = validate.errors ?? [];
  const splits = commaSplits(errors, map);
  out.push(...splits.diagnostics);
  for (const e of errors) {
    // A key that fails its rule is reported once, by the propertyNames error at the key (with the rule's words).
    if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) continue;
    if (splits.caused(e)) continue;
    const d = toDiagnostic(e, map, errors);
    if (!d) continue;
    const k = `${d.line}:${d.col}:${d.path}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

/**
 * A ", " inside a value of a flow mapping (`{ word: Leads, meaning: leads, or offers a role }`) ends the value
 * there: YAML reads the rest as keys of their own without values ("or offers a role": null), so the schema
 * sees an unknown property, and in a place that also takes text, "must be text" and "must match a schema in
 * anyOf". The cause is reported once, at the first such key, with the value as it was meant, in quotes; the
 * errors it causes on that mapping and its ancestors are not. A key without a value that stands on the line
 * of a text value before it is read so; one on a line of its own is an unknown property like any other.
 */
function commaSplits(
  errors: ErrorObject[],
  map: SourceMap,
): { diagnostics: Diagnostic[]; caused: (e: ErrorObject) => boolean } {
  const diagnostics: Diagnostic[] = [];
  const split = new Set<string>(); // "pointer\0key" of every key a comma made
  const objects: string[] = []; // pointers of the mappings they are in
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties' || e.data === null || typeof e.data !== 'object') continue;
    const obj = e.data as Record<string, unknown>;
    const prop = String((e.params as Record<string, unknown>).additionalProperty);
    if (obj[prop] !== null || split.has(`${e.instancePath}\0${prop}`)) continue;
    const keys = Object.keys(obj);
    const allowed = (e.parentSchema as { properties?: object }).properties ?? {};
    // The pieces a comma cut off: keys without values that the mapping does not know.
    const piece = (k: string | undefined) => k !== undefined && obj[k] === null && !Object.hasOwn(allowed, k);
    let first = keys.indexOf(prop);
    while (first > 0 && piece(keys[first - 1])) first--;
    const owner = keys[first - 1];
    if (owner === undefined || typeof obj[owner] !== 'string') continue;
    const path = fromPointer(e.instancePath);
    if (map.locate([...path, owner]).line !== map.locate([...path, keys[first]!], 'key').line) continue;
    let last = first;
    while (piece(keys[last + 1])) last++;
    const rest = keys.slice(first, last + 1);
    for (const k of rest) split.add(`${e.instancePath}\0${k}`);
    objects.push(e.instancePath);
    const meant = [obj[owner] as string, ...rest].join(', ');
    diagnostics.push(
      map.at(
        [...path, keys[first]!],
        'schema/comma-in-flow-value',
        `${quoted(keys[first])} is read as a key of its own: inside { }, the ", " before it ends the value of ${quoted(owner)}`,
        {
          which: 'key',
          hint: `a value that contains ", " must be put in quotes inside { }: ${owner}: ${JSON.stringify(meant)}`,
        },
      ),
    );
  }
  const caused = (e: ErrorObject): boolean => {
    if (e.keyword === 'additionalProperties')
      return split.has(`${e.instancePath}\0${String((e.params as Record<string, unknown>).additionalProperty)}`);
    return (
      ['type', 'anyOf', 'oneOf', 'if'].includes(e.keyword) &&
      objects.some((o) => o === e.instancePath || o.startsWith(`${e.instancePath}/`))
    );
  };
  return { diagnostics, caused };
}

function toDiagnostic(e: ErrorObject, map: SourceMap, all: ErrorObject[] = []): Diagnostic | undefined {
  const path = fromPointer(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
      return undefined; // the failing then/else branch is reported itself
    case 'additionalProperties':
      return unknownProperty(e, path, map);
    case 'required':
      return map.at(path, 'schema/required', `missing required property ${JSON.stringify(p.missingProperty)}`);
    case 'enum':
      return notAllowed(e, path, map);
    case 'const':
      return map.at(path, 'schema/const', `must be ${quoted(p.allowedValue)}, found ${quoted(e.data)}`);
    case 'type':
      return map.at(path, 'schema/type', `must be ${article(String(p.type))}, found ${describe(e.data)}`, {
        hint:
          p.type === 'string' && typeof e.data === 'number'
            ? 'put it in quotes, so that YAML reads it as text: version: "2.0", not 2.0'
            : undefined,
      });
    case 'format':
      return map.at(
        path,
        'schema/format',
        `${quoted(e.data)} is not a valid ${p.format}${p.format === 'date' ? ' (YYYY-MM-DD, a real calendar date)' : p.format === 'date-time' ? ' (YYYY-MM-DDTHH:MM:SS with a time zone offset, such as 2025-04-11T09:30:00+02:00 or ...Z for UTC)' : ''}`,
      );
    case 'pattern': {
      const what = (e.parentSchema as { description?: string }).description;
      return map.at(
        path,
        'schema/pattern',
        `${quoted(e.data)} has the wrong form${what ? `: ${lowerFirst(what)}` : ` (pattern ${p.pattern})`}`,
        { hint: idForm(String(p.pattern), e.data) },
      );
    }
    case 'propertyNames':
      return badKey(e, path, map, all);
    case 'minItems':
      return map.at(
        path,
        'schema/min-items',
        `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}, found ${(e.data as unknown[]).length}`,
      );
    case 'minProperties':
      // A position's stances with no entry: `stances: {}`.
      return map.at(
        path,
        'schema/min-properties',
        `needs at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}, found ${Object.keys(e.data as object).length}`,
      );
    case 'maxItems':
      return map.at(path, 'schema/max-items', `allows at most ${p.limit} items, found ${(e.data as unknown[]).length}`);
    case 'minLength':
      return map.at(path, 'schema/min-length', 'must not be empty');
    case 'uniqueItems':
      return map.at([...path, Number(p.i)], 'schema/unique-items', `repeats item ${Number(p.j) + 1} of the list`);
    default:
      return map.at(path, `schema/${e.keyword}`, e.message ?? `fails schema rule ${e.keyword}`);
  }
}

/** A key the schema does not allow here, with the closest allowed one. */
function unknownProperty(e: ErrorObject, path: Segment[], map: SourceMap): Diagnostic {
  const p = e.params as Record<string, unknown>;
  const prop = String(p.additionalProperty);
  const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
  const guess = closest(prop, allowed);
  return map.at([...path, prop], 'schema/unknown-property', `unknown property ${quoted(prop)}`, {
    which: 'key',
    hint: guess
      ? `did you mean ${JSON.stringify(guess)}?`
      : allowed.length
        ? `allowed here: ${allowed.join(', ')}`
        : undefined,
  });
}

/** A value not in the list of allowed ones, with the closest. */
function notAllowed(e: ErrorObject, path: Segment[], map: SourceMap): Diagnostic {
  const p = e.params as Record<string, unknown>;
  const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
  const guess = typeof e.data === 'string' ? closest(e.data, (p.allowedValues as unknown[]).map(String)) : undefined;
  return map.at(path, 'schema/enum', `${quoted(e.data)} is not one of the allowed values: ${allowed}`, {
    hint: guess ? `did you mean ${JSON.stringify(guess)}?` : undefined,
  });
}

/** A key of the wrong form, said with the description of the rule it breaks. */
function badKey(e: ErrorObject, path: Segment[], map: SourceMap, all: ErrorObject[]): Diagnostic {
  const p = e.params as Record<string, unknown>;
  const inner = all.find(
    (x) =>
      (x as ErrorObject & { propertyName?: string }).propertyName === p.propertyName &&
      x.instancePath === e.instancePath,
  );
  const what = (inner?.parentSchema as { description?: string } | undefined)?.description;
  return map.at(
    [...path, String(p.propertyName)],
    'schema/property-name',
    `invalid key ${quoted(p.propertyName)}${what ? `: ${lowerFirst(what)}` : ''}`,
    { which: 'key' },
  );
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function describe(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `text ${quoted(v, 40)}`;
  if (typeof v === 'number' && !Number.isFinite(v))
    return `the number ${numberText(v)}${Number.isNaN(v) ? ' (not a number)' : ' (infinity)'}`;
  return `${typeof v} ${quoted(v)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/** For an id's pattern, the allowed form in words and the value written in it: "ids here use lower-case letters, digits and underscores: middle_east". */
function idForm(pattern: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const words = value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (pattern === '^[a-z][a-z0-9_]*$') {
    const id = words.join('_');
    return `ids here use lower-case letters, digits and underscores, starting with a letter${/^[a-z]/.test(id) ? `: ${id}` : ''}`;
  }
  if (pattern === '^[a-z][a-z0-9]*(-[a-z0-9]+)*$') {
    const id = words.join('-');
    return `ids here use lower-case letters and digits, words joined by single hyphens, starting with a letter${/^[a-z]/.test(id) ? `: ${id}` : ''}`;
  }
  return undefined;
}
