// The mock tenant the Agents Playground plays: one school location with its staff and a student.
// Every id here is stable on purpose: the bot's Development directory configuration matches people
// by aadObjectId, so copy these ids there (role per aadObjectId) and keep both lists in step.
// All names and addresses are invented; the domain is a reserved example domain.

export const TENANT_ID = 'e2e0a000-0000-4000-a000-00000000a001';

export const BOT = Object.freeze({
  id: 'e2e0b000-0000-4000-a000-00000000b001',
  name: 'PestProtocol',
});

const person = (key, role, index, givenName, surname, login) => Object.freeze({
  key,
  role,
  id: `29:e2e-${key}`,
  name: `${givenName} ${surname}`,
  userPrincipleName: `${login}@dewilgen.example`,
  aadObjectId: `e2e0c000-0000-4000-a000-00000000000${index}`,
  givenName,
  surname,
  email: `${login}@dewilgen.example`,
});

/** Everyone in the mock tenant, by key. `role` is what the bot's directory should say for them. */
export const USERS = Object.freeze({
  mentor: person('mentor', 'Mentor', 1, 'Anouk', 'de Vries', 'a.devries'),
  coordinator: person('coordinator', 'AntiBullyingCoordinator', 2, 'Jeroen', 'Bakker', 'j.bakker'),
  teacher: person('teacher', 'Teacher', 3, 'Fatima', 'El Amrani', 'f.elamrani'),
  teamLeader: person('teamLeader', 'TeamLeader', 4, 'Marco', 'Jansen', 'm.jansen'),
  internalSupervisor: person('internalSupervisor', 'InternalSupervisor', 5, 'Ingrid', 'Visser', 'i.visser'),
  student: person('student', 'Student', 6, 'Daan', 'Mulder', 'daan.mulder'),
});

/**
 * The id of a person's personal chat with the bot in their playground. Every person gets their own: the
 * bot keys conversation state and the stored conversation reference by it, so two playgrounds sharing
 * one id would mix two people's dialogs.
 */
export function personalChatId(key) {
  return `a:e2e-personal-${mockUser(key).key}`;
}
export const GROUP_CHAT = Object.freeze({ id: '19:e2e-groupchat@thread.v2', name: 'Zorgoverleg onderbouw' });
export const TEAM = Object.freeze({
  id: '19:e2e-team-general@thread.tacv2',
  name: 'Team Onderbouw',
  aadGroupId: 'e2e0d000-0000-4000-a000-00000000d001',
  channels: Object.freeze([Object.freeze({ id: '19:e2e-channel-zorg@thread.tacv2', name: 'Zorg en veiligheid' })]),
});

/** The default person at the keyboard: a mentor, who starts most staff flows. */
export const DEFAULT_CURRENT_USER = 'mentor';

/** Looks a mock person up by key ('mentor', 'student', ...); throws on an unknown key. */
export function mockUser(key) {
  const user = USERS[key];
  if (!user) {
    throw new Error(`Unknown mock user '${key}'. Known: ${Object.keys(USERS).join(', ')}`);
  }
  return user;
}
