// Saves in the game: F5 quick-saves into the 'quick' slot, F9 loads it, Esc opens the save menu.
// installSaves() is all main.ts calls; it returns the function that removes everything it added.
import type { GameShell } from '../shell.js';
import { QUICK_SLOT, SaveActions } from './actions.js';
import { SaveMenu } from './menu.js';
import './saves.css';

export { QUICK_SLOT } from './actions.js';

export function installSaves(shell: GameShell): () => void {
  const actions = new SaveActions(shell);
  const menu = new SaveMenu(shell, actions);
  shell.ui.append(menu.root);
  // The first read of the slots: this page then knows each slot's version, so that its first save of
  // an existing slot replaces it, and a save by another tab after this point is a conflict.
  void menu.refresh();

  const quickSave = (): void => void actions.save(QUICK_SLOT);
  const quickLoad = (): void => void actions.load(QUICK_SLOT).then((loaded) => loaded && menu.close());
  menu.keys.quickSave = quickSave;
  menu.keys.quickLoad = quickLoad;

  const unbind = [
    shell.bindKey('F5', (down, event) => {
      event.preventDefault(); // F5 reloads the page otherwise
      if (down && !event.repeat) quickSave();
    }),
    shell.bindKey('F9', (down, event) => {
      event.preventDefault();
      if (down && !event.repeat) quickLoad();
    }),
    shell.bindKey('Escape', (down, event) => {
      if (!down || event.repeat) return;
      event.preventDefault();
      menu.toggle();
    }),
  ];

  return () => {
    for (const off of unbind) off();
    menu.close();
    menu.root.remove();
  };
}
