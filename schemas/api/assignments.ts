import type { SectionStatus } from '../project';

/** One line of "who owes what, by when" (GET /api/projects/:id/assignments). */
export interface Assignment {
  sectionId: string;
  number: string;
  title: string;
  status: SectionStatus;
  mandatory: boolean;
  dueDate: string | null;
  overdue: boolean;
  locked: boolean;
  assignees: { id: string; name: string }[];
}
