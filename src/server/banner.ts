import type { Config } from '../config.js';
import type { RunningServer } from './index.js';

/** What is running, where, and what to set to enable the rest. */
export function banner(config: Config, server: RunningServer, database: string, answerMode = 'extractive'): string {
  const lines = [`Samen is listening on ${server.url} (PORT ${server.port})`, `  Health: ${server.url}/healthz`];
  for (const c of server.channels) lines.push(`  ${c.description}`);
  if (!server.channels.some((c) => c.name === 'slack')) {
    lines.push(
      '  Slack: off. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for HTTP mode (add SLACK_APP_TOKEN for Socket Mode); see manifest/slack/README.md.',
    );
  }
  if (!server.channels.some((c) => c.name === 'teams')) lines.push('  Teams: off (TEAMS_ENABLED=false).');
  if (!server.channels.some((c) => c.name === 'web')) lines.push('  Web chat: off (WEB_CHAT_ENABLED=false).');
  lines.push(`  Database: ${database}`);
  lines.push(
    answerMode === 'llm'
      ? `  Answers: written by ${config.OPENAI_MODEL} from the retrieved findings, verified (OPENAI_API_KEY)`
      : '  Answers: extractive, offline. Set OPENAI_API_KEY (and OPENAI_BASE_URL for a local server) for model-written answers.',
  );
  lines.push(`  Language of Samen's own texts: ${config.SAMEN_LANGUAGE} (SAMEN_LANGUAGE)`);
  return lines.join('\n');
}
