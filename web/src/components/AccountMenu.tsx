import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { initials } from '../branding';
import { ChevronDownIcon, SignOutIcon, UserIcon } from './Icons';
import './AccountMenu.css';

/**
 * The account menu in the header: a menu button (WAI-ARIA APG "menu button" pattern)
 * showing the user's name, opening a menu with "My details" and "Sign out".
 * Keys: Enter, Space or ↓ open it on the first item, ↑ on the last; ↑ ↓ Home End move;
 * a letter jumps to the item starting with it; Escape closes it and returns to the
 * button; Tab closes it and moves on.
 */
export function AccountMenu({ name, email, onSignOut }: { name: string; email?: string; onSignOut(): void }) {
  const id = useId();
  const buttonId = `${id}-button`;
  const menuId = `${id}-menu`;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const { pathname } = useLocation();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const focusItem = (index: number) => {
    const all = items();
    if (all.length === 0) return;
    all[(index + all.length) % all.length]?.focus();
  };

  const openMenu = (where: 'first' | 'last') => {
    focusOnOpen.current = where;
    setOpen(true);
  };
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `focusItem` reads only refs; opening is what moves the focus
  useEffect(() => {
    if (open) focusItem(focusOnOpen.current === 'first' ? 0 : -1);
  }, [open]);

  // Picking a page closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the new address is the trigger, not an input
  useEffect(() => setOpen(false), [pathname]);

  // A click or tap outside closes it (focus stays where the user put it).
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function onButtonKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu('first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu('last');
    }
  }

  function onMenuKey(e: KeyboardEvent<HTMLUListElement>) {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focusItem(index + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focusItem(index - 1);
        break;
      case 'Home':
        e.preventDefault();
        focusItem(0);
        break;
      case 'End':
        e.preventDefault();
        focusItem(-1);
        break;
      case 'Escape':
        e.preventDefault();
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        break;
      case ' ':
        // Space activates a link menu item as it does a button.
        if (document.activeElement instanceof HTMLAnchorElement) {
          e.preventDefault();
          document.activeElement.click();
        }
        break;
      default:
        if (e.key.length === 1 && /\S/.test(e.key)) {
          const letter = e.key.toLowerCase();
          const order = [...all.slice(index + 1), ...all.slice(0, index + 1)];
          order.find((el) => el.textContent?.trim().toLowerCase().startsWith(letter))?.focus();
        }
    }
  }

  return (
    <div className="account-menu" ref={wrapper}>
      <button
        ref={button}
        id={buttonId}
        type="button"
        className="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => (open ? close(false) : openMenu('first'))}
        onKeyDown={onButtonKey}
      >
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="account-button-name">{name}</span>
        <ChevronDownIcon />
      </button>
      <div className="account-dropdown" hidden={!open}>
        {email ? (
          <p className="account-dropdown-head">
            <span className="account-dropdown-label">Signed in as</span>
            <span className="account-dropdown-email break-anywhere">{email}</span>
          </p>
        ) : null}
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA menu button pattern: a list as the menu, its items role none */}
        <ul ref={menu} id={menuId} role="menu" aria-labelledby={buttonId} className="account-dropdown-list" onKeyDown={onMenuKey}>
          <li role="none">
            <Link role="menuitem" tabIndex={-1} to="/account" className="menu-item" onClick={() => setOpen(false)}>
              <UserIcon /> My details
            </Link>
          </li>
          <li role="none">
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              className="menu-item"
              onClick={() => {
                setOpen(false);
                onSignOut();
              }}
            >
              <SignOutIcon /> Sign out
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
