/** A member of the project as the blocks need them: who may be named a fiche-action's pilot or référent. */
export interface Person {
  id: string;
  name: string;
}

/** The project's members, known once the page asked the server; blocks follow when they arrive or change. */
export interface ProjectPeople {
  list(): Person[];
  onChange(listener: () => void): () => void;
}

export function createProjectPeople(): ProjectPeople & { set(people: Person[]): void } {
  let people: Person[] = [];
  const listeners = new Set<() => void>();
  return {
    list: () => people,
    set(next) {
      people = [...next].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      for (const listener of listeners) listener();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
