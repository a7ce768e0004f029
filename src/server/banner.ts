import type { Config } from '../config.js';
import type { RunningServer } from './index.js';

/** What is running, where, and what to set to enable the rest. */
export function banner(config: Config, server: RunningServer, database: string): string {
  const lines = [`Samen is listening on ${server.url} (PORT ${server.port})`, `  Health: ${server.url}/healthz`];
  for (const c of server.channels) lines.push(`  ${c.description}`);
  if (!server.channels.some((c) => c.name === 'slack')) {
    lines.push(
      '  Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for HTTP mode (add SLACK_APP_TOKEN for Socket Mode); see manifest/slack/README.md.',
    );
  }
  lines.push(`  Database: ${database}`);
  lines.push(`  Language of Samen's own texts: ${config.SAMEN_LANGUAGE} (SAMEN_LANGUAGE)`);
  return lines.join('\n');
}
