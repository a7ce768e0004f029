import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { VIEWS } from '../../ids.js';
import { GOALS_IDS } from '../../goals-render.js';
import { askSubmitted } from './ask-submitted.js';
import { goalsSubmitted } from './goals-submit.js';
import { reflectionNoteSubmitted } from '../actions/reflection-answers.js';
import { NOTE_VIEW } from '../../reminder-render.js';

const register = (app: App, deps: SlackDeps) => {
  app.view(VIEWS.ask, askSubmitted(deps));
  app.view(GOALS_IDS.modal, goalsSubmitted(deps));
  app.view(NOTE_VIEW.callbackId, reflectionNoteSubmitted(deps));
};

export default { register };
