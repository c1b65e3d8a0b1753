import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../bin/commands/program';

/**
 * What the README and docs/ tell a user to type must be what the CLI takes: every `kzmon …` they show
 * names a real command, and every option they give it is in that command's --help.
 */
const ROOT = resolve(__dirname, '../..');
const program = buildProgram();
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Mention {
  file: string;
  path: string[];
  options: string[];
  text: string;
}

function sub(cmd: Command, name: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === name);
}

/** `--name` of every option a command or its parents (the global ones) take. */
function optionsOf(cmd: Command): Set<string> {
  const names = new Set(['--help']);
  for (let c: Command | null = cmd; c; c = c.parent) {
    for (const o of c.options) if (o.long) names.add(o.long);
  }
  return names;
}

/** The commands a piece of CLI text names (`subscribers add|list` names two) and the options it gives. */
function parseMention(file: string, text: string): Mention[] {
  const words = text.split(/\s+/).filter(Boolean);
  const heads = (words[0] ?? '').split('|');
  const options = [...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]);
  const mentions: Mention[] = [];
  // `kzmon --version`: the program itself.
  if (words[0]?.startsWith('-')) return [{ file, path: [], options, text }];
  for (const head of heads) {
    const path = [head];
    const first = sub(program, head);
    const next = words[1]?.split('|') ?? [];
    const subs = first?.commands.length ? next.filter((w) => first && sub(first, w)) : [];
    if (subs.length === 0) mentions.push({ file, path, options, text });
    for (const s of subs) mentions.push({ file, path: [...path, s], options, text });
  }
  return mentions;
}

/** Every `kzmon …` in inline code and in code blocks of a markdown file. */
function mentionsIn(file: string): Mention[] {
  const md = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const block of md.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      const at = line.indexOf('kzmon ');
      if (at >= 0 && /\b(npx|npm run|^)\s*kzmon /.test(line.slice(0, at + 6))) {
        found.push(line.slice(at + 6).replace(/\s#.*$/, ''));
      }
    }
  }
  const prose = md.replace(/```[a-z]*\n[\s\S]*?```/g, '');
  for (const span of prose.matchAll(/`([^`]*)`/g)) {
    const m = /^(?:npx )?kzmon (.*)$/.exec(span[1]!.trim());
    if (m) found.push(m[1]!.replace(/\\\|/g, '|'));
  }
  return found.flatMap((text) => parseMention(file, text));
}

function commandAt(path: string[]): Command | undefined {
  let cmd: Command | undefined = program;
  for (const name of path) cmd = cmd && sub(cmd, name);
  return cmd;
}

describe('the README and docs/ against what kzmon takes', () => {
  const mentions = DOCS.flatMap(mentionsIn);

  it('finds the commands the docs show', () => {
    // A guard against the parser quietly finding nothing.
    expect(mentions.filter((m) => m.file === 'README.md').length).toBeGreaterThan(10);
    expect(new Set(mentions.map((m) => m.path.join(' ')))).toContain('subscribers add');
  });

  it('names only commands that exist', () => {
    const unknown = mentions.filter((m) => !commandAt(m.path)).map((m) => `${m.file}: kzmon ${m.text}`);
    expect(unknown).toEqual([]);
  });

  it('gives each command only options its --help lists', () => {
    const wrong: string[] = [];
    for (const m of mentions) {
      const cmd = commandAt(m.path);
      if (!cmd) continue;
      const known = optionsOf(cmd);
      for (const o of m.options) {
        if (!known.has(o)) wrong.push(`${m.file}: kzmon ${m.path.join(' ')} ${o}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lists every command in the README's table, and the table's options in each --help", () => {
    const table = README.slice(README.indexOf('## Using it'), README.indexOf('`--help` on every command'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `npx kzmon'));
    const named = new Set(
      rows
        .flatMap((r) => parseMention('README.md', /`npx kzmon ([^`]*)`/.exec(r)![1]!.replace(/\\\|/g, '|')))
        .map((m) => m.path[0]),
    );
    const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
    expect(commands.filter((c) => !named.has(c))).toEqual([]);
  });

  it('says the same exit codes in the README and in every --help', () => {
    expect(README).toMatch(/\*\*Exit codes\.\*\* 0 done; 1 failed, or found a problem/);
    const all = (c: Command): Command[] => [c, ...c.commands.filter((s) => s.name() !== 'help').flatMap(all)];
    const silent: string[] = [];
    for (const cmd of all(program)) {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => (text += s) });
      cmd.outputHelp();
      if (!/Exit codes?:? .*\b0\b.*\b1\b/.test(text)) silent.push(cmd.name());
    }
    expect(silent).toEqual([]);
  });
});
