export { rollLock, currentPublication, listPublications, type RollLock } from './state';
export { publishRoll, withdrawPublication, defaultObjectionDays } from './publish';
export { fileObjection, answerObjection, listObjections, openObjectionCount } from './objections';
export { freezeRoll, freezeBlockers } from './freeze';
export { publishedRoll, rollRows, rollHash } from './published-roll';
