import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../public/locales/en/common.json";
import zh from "../../public/locales/zh-CN/common.json";

type Tree = { [key: string]: string | Tree };

/** Leaf keys with i18next's plural suffixes folded into the base key. */
function leafKeys(tree: Tree, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === "string") keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ""));
    else for (const child of leafKeys(value, `${path}.`)) keys.add(child);
  }
  return keys;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const source = sourceFiles("app")
  .map((file) => readFileSync(file, "utf8"))
  .join("\n");
const zhKeys = leafKeys(zh as Tree);
const enKeys = leafKeys(en as Tree);

describe("locale files", () => {
  it("have the same keys in Chinese and English", () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it("have no empty translations", () => {
    const empty = (tree: Tree): boolean =>
      Object.values(tree).some((v) => (typeof v === "string" ? v.trim() === "" : empty(v)));
    expect(empty(zh as Tree)).toBe(false);
    expect(empty(en as Tree)).toBe(false);
  });

  it("contain every key the code translates", () => {
    const literal = [...source.matchAll(/\bt\(\s*"([\w.-]+)"/g)].map((m) => m[1]!);
    const messages = [
      ...source.matchAll(/"((?:forms|catalog\.errors|auth\.login)\.[\w.]+)(?:\|[^"]*)?"/g),
    ].map((m) => m[1]!);
    const missing = [...new Set([...literal, ...messages])].filter((key) => !zhKeys.has(key));
    expect(missing).toEqual([]);
    expect(literal.length).toBeGreaterThan(100);
  });

  it("cover every value of keys built at run time", () => {
    const dynamic = [...source.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)].map((m) => m[1]!);
    expect(dynamic.length).toBeGreaterThan(5);
    for (const prefix of new Set(dynamic)) {
      expect(
        [...zhKeys].some((key) => key.startsWith(`${prefix}.`)),
        prefix,
      ).toBe(true);
    }
  });
});
