/**
 * What the platforms show about Samen's commands (the Slack manifests, the Teams command list, the
 * help) must match the commands that are registered and parsed: no stale "coming soon" for a
 * command that works, no command listed that Samen does not understand, none missing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/channels/slack/listeners/commands/index.js';
import { COMMAND_WORDS, help, parseInput } from '../../src/conversation/commands.js';

const read = (path: string) => readFileSync(new URL(`../../manifest/${path}`, import.meta.url), 'utf8');
const slackManifests = [parse(read('slack/manifest.yaml')), parse(read('slack/manifest.socket-mode.yaml'))];
const teams = JSON.parse(read('teams/manifest.json'));
const STALE = /coming soon|binnenkort|not yet|nog niet/i;

describe('commands as the platforms describe them', () => {
  it('Slack: every registered slash command is declared, each described without a stale "coming soon"', () => {
    for (const m of slackManifests) {
      const declared = m.features.slash_commands as { command: string; description: string }[];
      expect(declared.map((c) => c.command)).toEqual([...COMMANDS]);
      for (const c of declared) expect(c.description, c.command).not.toMatch(STALE);
    }
  });

  it('Teams: the command list holds exactly the words Samen parses, each described without "coming soon"', () => {
    const commands = teams.bots[0].commandLists.flatMap((l: { commands: { title: string; description: string }[] }) => l.commands);
    expect(commands.map((c: { title: string }) => c.title).sort()).toEqual(Object.keys(COMMAND_WORDS.en).sort());
    for (const c of commands) {
      expect(c.description, c.title).not.toMatch(STALE);
      // What Teams suggests is what Samen understands.
      expect(parseInput(c.title).kind, c.title).toBe(c.title);
    }
  });

  it('the help lists every command, in both languages, without a stale "coming soon"', () => {
    for (const language of ['nl', 'en'] as const) {
      const listed = help(language).commands.items.map((item) => item.find((i) => typeof i === 'object' && 'command' in i) as { command: string });
      expect(listed.map((i) => i.command).sort()).toEqual(Object.keys(COMMAND_WORDS.en).sort());
      expect(JSON.stringify(help(language).commands)).not.toMatch(STALE);
    }
  });
});
