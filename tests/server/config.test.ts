import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, slackSettings } from '../../src/config.js';

function problems(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('settings', () => {
  it('has defaults for everything optional', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 3978, SAMEN_DATA_DIR: './data', SAMEN_LANGUAGE: 'nl', LOG_LEVEL: 'info' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(slackSettings(c)).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    const c = parseConfig({ PORT: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '  ' });
    expect(c.PORT).toBe(3978);
    expect(slackSettings(c)).toBeUndefined();
  });

  it('names every malformed setting, without repeating secret values', () => {
    const err = problems({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SAMEN_LANGUAGE: 'de',
      DATABASE_URL: 'mysql://u:hunter2@db/x',
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_API_URL: 'ftp://example.org',
    });
    expect(err.problems.map((p) => p.setting).sort()).toEqual(
      ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SAMEN_LANGUAGE', 'SLACK_API_URL', 'SLACK_BOT_TOKEN'].sort(),
    );
    expect(err.message).toContain('PORT must be a whole number from 0 to 65535');
    expect(err.message).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('user-token-secret');
  });

  it('names the missing half of a Slack configuration', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' }).message).toContain('SLACK_SIGNING_SECRET is required');
    expect(problems({ SLACK_SIGNING_SECRET: 'abcdef0123456789' }).message).toContain('SLACK_BOT_TOKEN is required');
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' }).message).toContain('SLACK_BOT_TOKEN is required');
  });

  it('chooses HTTP mode with a signing secret and Socket Mode with an app token', () => {
    expect(slackSettings(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' }))).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 'abcdef0123456789',
      apiUrl: undefined,
    });
    expect(
      slackSettings(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' })),
    ).toMatchObject({ mode: 'socket', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/' });
  });
});
