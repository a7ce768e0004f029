import type { FormValues } from '../../src/goals/model.js';

/** A date this many months from now (YYYY-MM-DD): the form refuses a new date that has passed. */
export function monthsAhead(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A complete, valid form: two goals, three agencies, no client identifiers. */
export function validForm(alias = 'gezin-A7'): FormValues {
  return {
    alias,
    goal1_text: 'De kinderen gaan elke dag naar school',
    goal1_agencies: 'school, wijkteam, leerplicht',
    goal1_owner: 'Intern begeleider school',
    goal1_date: monthsAhead(9),
    goal2_text: 'Het gezin heeft een stabiel inkomen en geen nieuwe schulden',
    goal2_agencies: 'schuldhulpverlening, wijkteam',
    goal2_owner: 'Schuldhulpverlener',
    goal2_date: monthsAhead(12),
    roles: 'Wijkteam: gezinsplan en contact met school\nJGZ: ontwikkeling van de jongste\nSchuldhulpverlening: budgetbeheer',
    coordinator: 'Casusregisseur wijkteam',
    contact: 'Via dit kanaal, of het algemene nummer van het wijkteam',
    consent: 'Ja, schriftelijk verkregen in het eerste gezinsgesprek',
    shared: 'Voortgang op de doelen, met alle betrokken organisaties, in het casusoverleg',
    notShared: 'Medische details van de ouders',
    frequency: 'Elke 4 weken casusoverleg, elk kwartaal reflectie',
    attendees: 'Wijkteam, JGZ, school, schuldhulpverlening, en het gezin als het wil',
    chair: 'Casusregisseur wijkteam',
    reviewDate: monthsAhead(10),
  };
}
