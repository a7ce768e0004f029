import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../src/channels/slack/listeners/commands/index.js';

const load = (file: string) => parse(readFileSync(new URL(`../../../manifest/slack/${file}`, import.meta.url), 'utf8'));

describe('Slack app manifests', () => {
  const http = load('manifest.yaml');
  const socket = load('manifest.socket-mode.yaml');

  it('ask for the scopes Samen uses and no others', () => {
    for (const m of [http, socket]) {
      expect([...m.oauth_config.scopes.bot].sort()).toEqual(
        [
          'app_mentions:read',
          'assistant:write',
          'channels:history',
          'chat:write',
          'commands',
          'groups:history',
          'im:history',
          'mpim:history',
        ].sort(),
      );
      expect(m.oauth_config.scopes.user).toBeUndefined();
    }
  });

  it('subscribe to the events the listeners handle', () => {
    expect([...http.settings.event_subscriptions.bot_events].sort()).toEqual(
      [
        'app_home_opened',
        'app_mention',
        'assistant_thread_context_changed',
        'assistant_thread_started',
        'message.channels',
        'message.groups',
        'message.im',
        'message.mpim',
      ].sort(),
    );
    expect(socket.settings.event_subscriptions.bot_events).toEqual(http.settings.event_subscriptions.bot_events);
  });

  it('declare the registered slash commands, interactivity, the assistant view and the home tab', () => {
    for (const m of [http, socket]) {
      expect(m.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([...COMMANDS]);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.features.assistant_view.suggested_prompts.length).toBeGreaterThan(0);
      expect(m.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
      expect(m.features.bot_user.display_name).toBe('Samen');
    }
  });

  it('point HTTP mode at /slack/events and switch Socket Mode on in the other', () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(http.settings.interactivity.request_url).toBe(http.settings.event_subscriptions.request_url);
    for (const c of http.features.slash_commands) expect(c.url).toBe(http.settings.event_subscriptions.request_url);
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.event_subscriptions.request_url).toBeUndefined();
  });
});
