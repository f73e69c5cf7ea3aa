import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every string exists in English and French: the same namespaces, the same (nested) keys, no
 * empty value, and the same {{placeholders}} on both sides.
 */
const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../locales');
const languages = ['en', 'fr'] as const;

type Tree = { [key: string]: string | Tree };

function namespacesOf(lang: string): string[] {
  return fs
    .readdirSync(path.join(localesDir, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function load(lang: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(localesDir, lang, `${ns}.json`), 'utf8')) as Tree;
}

/** Dotted key -> value, for every leaf; a leaf that is not a string is reported as such. */
function flatten(
  tree: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (tree !== null && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree))
      flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, tree);
  }
  return out;
}

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

const all = Object.fromEntries(languages.map((lang) => [lang, namespacesOf(lang)])) as Record<
  (typeof languages)[number],
  string[]
>;
const namespaces = [...new Set([...all.en, ...all.fr])].sort();

describe('translations', () => {
  it('has translation files in both languages', () => {
    expect(all.en.length).toBeGreaterThan(0);
    expect(all.en).toContain('errors');
  });

  it('has the same namespaces in English and French', () => {
    expect(all.fr).toEqual(all.en);
  });

  describe.each(namespaces)('namespace %s', (ns) => {
    const present = languages.filter((lang) => all[lang].includes(ns));
    const flat = Object.fromEntries(
      present.map((lang) => [lang, flatten(load(lang, ns))]),
    ) as Partial<Record<(typeof languages)[number], Map<string, unknown>>>;

    it('exists in both languages', () => {
      expect(present).toEqual([...languages]);
    });

    it('has the same keys in English and French', () => {
      const en = [...(flat.en?.keys() ?? [])];
      const fr = [...(flat.fr?.keys() ?? [])];
      const onlyEn = en.filter((k) => !flat.fr?.has(k));
      const onlyFr = fr.filter((k) => !flat.en?.has(k));
      expect({ onlyInEnglish: onlyEn, onlyInFrench: onlyFr }).toEqual({
        onlyInEnglish: [],
        onlyInFrench: [],
      });
    });

    it('has no empty or non-string value', () => {
      const bad: string[] = [];
      for (const lang of present) {
        for (const [key, value] of flat[lang]!) {
          if (typeof value !== 'string' || value.trim() === '') bad.push(`${lang}:${key}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('uses the same {{placeholders}} in English and French', () => {
      const mismatched: string[] = [];
      for (const [key, en] of flat.en ?? []) {
        const fr = flat.fr?.get(key);
        if (typeof en !== 'string' || typeof fr !== 'string') continue;
        const a = placeholders(en);
        const b = placeholders(fr);
        if (a.join(',') !== b.join(','))
          mismatched.push(`${key}: en {{${a.join('}}, {{')}}} / fr {{${b.join('}}, {{')}}}`);
      }
      expect(mismatched).toEqual([]);
    });
  });
});

describe('the key checker', () => {
  it('flattens nested keys with dots', () => {
    expect([...flatten({ a: { b: 'x', c: { d: 'y' } }, e: 'z' }).keys()]).toEqual([
      'a.b',
      'a.c.d',
      'e',
    ]);
  });

  it('finds placeholders, ignoring spaces and formats', () => {
    expect(placeholders('{{ count }} of {{total, number}} for {{name}}')).toEqual([
      'count',
      'name',
      'total',
    ]);
  });
});
