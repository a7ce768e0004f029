/** Samen's Adaptive Cards, shared by the channels that show cards (Teams, the web chat). */
export * from './card.js';
export * from './goals.js';
export * from './reminders.js';
export * from './reply.js';
