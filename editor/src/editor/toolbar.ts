import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { h } from '../dom';
import { linkForm } from './linkForm';
import type { Part } from '../ui/part';

interface Tool {
  /** Accessible name, also the visible text (WCAG 2.5.3). */
  label: string;
  /** Shown in the button (same words as the label, shortened only by CSS styling). */
  text: string;
  className?: string;
  run(editor: Editor): void;
  /** Toggle buttons report their state with aria-pressed. */
  active?(editor: Editor): boolean;
  enabled?(editor: Editor): boolean;
}

const inTable = (e: Editor): boolean => e.isActive('table');

/** Undo and redo over the section's shared history (text and structured records, sectionUndo.ts). */
function historyTools(history: Y.UndoManager): Tool[] {
  return [
    { label: 'Annuler', text: 'Annuler', run: () => history.undo(), enabled: () => history.undoStack.length > 0 },
    { label: 'Rétablir', text: 'Rétablir', run: () => history.redo(), enabled: () => history.redoStack.length > 0 },
  ];
}

function tools(openLink: () => void, history: Y.UndoManager | undefined, insertImage: (() => void) | undefined, openFind: (() => void) | undefined): Tool[][] {
  return [
    history ? historyTools(history) : [],
    openFind ? [{ label: 'Rechercher dans le document', text: 'Rechercher', className: 'tool-find', run: () => openFind() }] : [],
    [
      {
        label: 'Titre 2',
        text: 'Titre 2',
        run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
        active: (e) => e.isActive('heading', { level: 2 }),
      },
      {
        label: 'Titre 3',
        text: 'Titre 3',
        run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
        active: (e) => e.isActive('heading', { level: 3 }),
      },
      {
        label: 'Titre 4',
        text: 'Titre 4',
        run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
        active: (e) => e.isActive('heading', { level: 4 }),
      },
    ],
    [
      { label: 'Gras', text: 'Gras', className: 'tool-bold', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
      {
        label: 'Italique',
        text: 'Italique',
        className: 'tool-italic',
        run: (e) => e.chain().focus().toggleItalic().run(),
        active: (e) => e.isActive('italic'),
      },
      {
        label: 'Souligné',
        text: 'Souligné',
        className: 'tool-underline',
        run: (e) => e.chain().focus().toggleUnderline().run(),
        active: (e) => e.isActive('underline'),
      },
      { label: 'Barré', text: 'Barré', className: 'tool-strike', run: (e) => e.chain().focus().toggleStrike().run(), active: (e) => e.isActive('strike') },
      { label: 'Lien', text: 'Lien', run: () => openLink(), active: (e) => e.isActive('link') },
    ],
    [
      { label: 'Liste à puces', text: 'Liste à puces', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
      { label: 'Liste numérotée', text: 'Liste numérotée', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
      { label: 'Citation', text: 'Citation', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    ],
    [
      {
        label: 'Insérer un tableau',
        text: 'Insérer un tableau',
        run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        enabled: (e) => !inTable(e),
      },
      { label: 'Ajouter une ligne', text: 'Ajouter une ligne', run: (e) => e.chain().focus().addRowAfter().run(), enabled: inTable },
      { label: 'Ajouter une colonne', text: 'Ajouter une colonne', run: (e) => e.chain().focus().addColumnAfter().run(), enabled: inTable },
      { label: 'Supprimer le tableau', text: 'Supprimer le tableau', run: (e) => e.chain().focus().deleteTable().run(), enabled: inTable },
    ],
    insertImage ? [{ label: 'Insérer une image', text: 'Image', run: () => insertImage() }] : [],
  ];
}

const groupNames = ['Historique', 'Recherche', 'Titres', 'Texte', 'Listes et citation', 'Tableau', 'Insertion'];

/**
 * The formatting toolbar (WAI-ARIA toolbar pattern: one tab stop, arrow keys move between
 * buttons). Buttons keep the editor's selection: they do not take focus on mouse down.
 */
export function createToolbar(editor: Editor, editorId: string, history?: Y.UndoManager, insertImage?: () => void, openFind?: () => void): Part {
  const link = linkForm(editor);
  const groups = tools(() => link.open(), history, insertImage, openFind);
  const entries: { tool: Tool; button: HTMLButtonElement }[] = [];

  const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Mise en forme du texte', 'aria-controls': editorId });
  groups.forEach((group, gi) => {
    if (group.length === 0) return;
    const groupEl = h('div', { class: 'toolbar-group', role: 'group', 'aria-label': groupNames[gi] ?? '' });
    for (const tool of group) {
      const button = h(
        'button',
        {
          type: 'button',
          class: `tool ${tool.className ?? ''}`.trim(),
          'aria-label': tool.label,
          tabindex: entries.length === 0 ? '0' : '-1',
          'aria-pressed': tool.active ? 'false' : null,
        },
        tool.text,
      );
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-disabled') === 'true') return;
        tool.run(editor);
        update();
      });
      entries.push({ tool, button });
      groupEl.append(button);
    }
    toolbar.append(groupEl);
  });

  const focusAt = (index: number): void => {
    const n = entries.length;
    const target = entries[((index % n) + n) % n]!.button;
    for (const { button } of entries) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  };
  toolbar.addEventListener('keydown', (event) => {
    const current = entries.findIndex(({ button }) => button === document.activeElement);
    if (current < 0) return;
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: entries.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAt(next);
  });

  const update = (): void => {
    if (editor.isDestroyed) return;
    for (const { tool, button } of entries) {
      if (tool.active) button.setAttribute('aria-pressed', String(tool.active(editor)));
      const enabled = tool.enabled ? tool.enabled(editor) : true;
      if (enabled) button.removeAttribute('aria-disabled');
      else button.setAttribute('aria-disabled', 'true');
    }
  };
  editor.on('transaction', update);
  editor.on('selectionUpdate', update);
  // A change of a structured record is no editor transaction, yet it fills the history.
  const historyEvents = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
  for (const event of historyEvents) history?.on(event, update);
  update();

  const element = h('div', { class: 'toolbar-wrapper' }, toolbar, link.element);
  return {
    element,
    destroy() {
      editor.off('transaction', update);
      editor.off('selectionUpdate', update);
      for (const event of historyEvents) history?.off(event, update);
    },
  };
}
