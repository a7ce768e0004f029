import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ACTIONS, actionPattern } from '../../ids.js';
import { askQuestion } from './ask-question.js';
import { GOALS_IDS } from '../../goals-render.js';
import { feedback } from './feedback.js';
import { goalsEdit } from './goals-edit.js';
import { goalsGrow } from './goals-grow.js';
import { openAskModal } from './open-ask-modal.js';
import { reminderButtons, reminderReplace } from './reminder-buttons.js';
import { REFLECTION_ACTION_PATTERNS, reflectionNote, reflectionRate } from './reflection-answers.js';
import { REMINDER_ACTIONS } from '../../reminder-render.js';
import { shareAnswer } from './share-answer.js';
import { showQuote } from './show-quote.js';

const register = (app: App, deps: SlackDeps) => {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: GOALS_IDS.edit }, goalsEdit(deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^(${GOALS_IDS.addGoal}|${GOALS_IDS.moreDetails})$`) },
    goalsGrow(deps),
  );
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionPattern(ACTIONS.ask) }, askQuestion(deps));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTIONS.more }, askQuestion(deps, { all: true }));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTIONS.share }, shareAnswer(deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^(${ACTIONS.feedback}|${ACTIONS.feedbackHelpful}|${ACTIONS.feedbackNotHelpful})$`) },
    feedback(deps),
  );
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: actionPattern(ACTIONS.showQuote) },
    showQuote(deps),
  );
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTIONS.openAsk }, openAskModal(deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^(${REMINDER_ACTIONS.done}|${REMINDER_ACTIONS.snooze}|${REMINDER_ACTIONS.skip})$`) },
    reminderButtons(deps),
  );
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`^(${REMINDER_ACTIONS.replace}|${REMINDER_ACTIONS.keep})$`) },
    reminderReplace(deps),
  );
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: REFLECTION_ACTION_PATTERNS.rate }, reflectionRate(deps));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: REFLECTION_ACTION_PATTERNS.note }, reflectionNote(deps));
};

export default { register };
