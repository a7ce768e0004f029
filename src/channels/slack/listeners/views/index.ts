import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { VIEWS } from '../../ids.js';
import { GOALS_IDS } from '../../goals-render.js';
import { askSubmitted } from './ask-submitted.js';
import { goalsSubmitted } from './goals-submit.js';

const register = (app: App, deps: SlackDeps) => {
  app.view(VIEWS.ask, askSubmitted(deps));
  app.view(GOALS_IDS.modal, goalsSubmitted(deps));
};

export default { register };
