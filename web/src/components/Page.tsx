import { useEffect, useRef, type ReactNode } from 'react';

/** The first page shown after loading keeps the browser's focus at the top, where the skip link is. */
let firstPage = true;

/**
 * A page's title: the tab's title too, and where the keyboard focus goes after navigating, so a
 * screen reader announces the new page and Tab continues from its top.
 */
export function Page({ title, subtitle, actions, children }: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Sổ theo dõi nghị quyết`;
    if (firstPage) firstPage = false;
    else heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1} ref={heading}>
            {title}
          </h1>
          {subtitle ? <p className="subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}
