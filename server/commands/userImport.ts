import { Email, OrgRole, PersonFunction, PersonName } from '../../schemas/user';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import { parseCsv } from './csv';
import type { Deps } from '../deps';
import { requireRoleFits } from './instances';
import { invitePerson } from './people';
import type { PeopleImportLine, PeopleImportReport } from '../../schemas/api/users';

/** Lines one import may carry. */
export const maxImportLines = 500;

/** Column names accepted in the header line (lower case, accents as typed in French spreadsheets). */
const headers: Record<string, 'email' | 'name' | 'function' | 'role'> = {
  email: 'email',
  'e-mail': 'email',
  courriel: 'email',
  adresse: 'email',
  nom: 'name',
  name: 'name',
  fonction: 'function',
  function: 'function',
  role: 'role',
  rôle: 'role',
};

/** Roles as a French spreadsheet writes them, besides their codes. */
const roleAliases: Record<string, string> = {
  membre: 'member',
  secrétaire: 'secretary',
  secrétariat: 'secretary',
  'secrétariat des instances': 'secretary',
  'lecteur ars': 'ars_reader',
  'gestion des modèles': 'template_manager',
  'gestionnaire des modèles': 'template_manager',
  administrateur: 'org_admin',
  administratrice: 'org_admin',
  "administration de l'organisation": 'org_admin',
  'administration de l’organisation': 'org_admin',
};

/**
 * Bulk invitation from a CSV file (header line: email;nom;fonction;rôle): a preview that says,
 * line by line, what would be invited and what is refused and why; then, with `apply`, the
 * valid lines invited one by one as `POST /api/users/invitations` does (same rights, same
 * answers: an organisation administrator learns nothing about existing accounts).
 */
export async function importPeople(
  deps: Deps,
  user: UserRecord,
  input: { csv: string; organisationId?: string; apply: boolean },
  baseUrl: string,
): Promise<PeopleImportReport> {
  if (!deps.policy.can(user, { action: 'person.invite', organisationId: input.organisationId ?? null })) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      'Seuls l’administrateur et les administrateurs d’une organisation importent des personnes, dans leur organisation.',
    );
  }
  const rows = parseCsv(input.csv);
  const header = rows.shift();
  const columns = (header?.cells ?? []).map((c) => headers[c.trim().toLowerCase()]);
  const missing = (['email', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'csv', message: `La première ligne nomme les colonnes : email;nom;fonction;rôle (manque : ${missing.join(', ')}).` },
    ]);
  }
  if (rows.length > maxImportLines) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'csv', message: `${maxImportLines} lignes au plus par import.` },
    ]);
  }
  const organisation = input.organisationId ? deps.store.organisations.get(input.organisationId) : undefined;
  const seen = new Map<string, number>();
  const lines: PeopleImportLine[] = rows.map((row) => {
    const value = (name: 'email' | 'name' | 'function' | 'role') => (row.cells[columns.indexOf(name)] ?? '').trim();
    const reasons: string[] = [];
    const email = Email.safeParse(value('email'));
    if (!email.success) reasons.push('Adresse e-mail invalide.');
    const name = PersonName.safeParse(value('name'));
    if (!name.success) reasons.push('Nom manquant ou trop long.');
    if (!PersonFunction.safeParse(value('function')).success) reasons.push('Fonction trop longue.');
    const written = value('role');
    const roleText = roleAliases[written.toLowerCase()] ?? written;
    if (roleText && !OrgRole.safeParse(roleText).success)
      reasons.push(`Rôle inconnu : ${written} (membre, secrétariat, gestion des modèles, administrateur, lecteur ARS).`);
    if (roleText && !input.organisationId) reasons.push('Un rôle se donne dans une organisation : choisissez-la pour l’import.');
    const role = OrgRole.safeParse(roleText);
    if (organisation && role.success) {
      try {
        requireRoleFits(organisation, role.data);
      } catch (error) {
        reasons.push(error instanceof DomainError ? (error.fields?.[0]?.message ?? error.message) : 'Rôle refusé.');
      }
    }
    const normalised = email.success ? email.data : value('email');
    if (seen.has(normalised)) reasons.push(`Adresse en double (ligne ${seen.get(normalised)}).`);
    else seen.set(normalised, row.line);
    // Only an administrator is told which addresses already have an account.
    if (deps.policy.can(user, { action: 'installation.administer' }) && email.success && deps.store.users.findByEmail(email.data))
      reasons.push('Un compte existe déjà avec cette adresse.');
    return {
      line: row.line,
      email: normalised,
      name: value('name'),
      function: value('function'),
      role: roleText || null,
      status: reasons.length ? 'refused' : 'ok',
      reasons,
    };
  });
  if (!input.apply) return { lines, applied: false };
  for (const line of lines.filter((l) => l.status === 'ok')) {
    try {
      line.invitation = await invitePerson(
        deps,
        user,
        {
          email: line.email,
          name: line.name,
          function: line.function || undefined,
          organisationId: input.organisationId,
          role: (line.role ?? undefined) as OrgRole | undefined,
        },
        baseUrl,
      );
    } catch (error) {
      line.status = 'refused';
      line.reasons.push(error instanceof DomainError ? error.fields?.map((f) => f.message).join(' ') || error.message : 'Erreur inattendue.');
    }
  }
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'user.import',
    details: {
      organisationId: input.organisationId ?? null,
      invited: lines.filter((l) => l.status === 'ok').length,
      refused: lines.filter((l) => l.status === 'refused').length,
    },
  });
  return { lines, applied: true };
}
