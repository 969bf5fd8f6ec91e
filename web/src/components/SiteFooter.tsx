import './SiteFooter.css';
/**
 * The footer of every page: the tenant's name and Portico's. `framed` puts it in the
 * signed-in layouts' container (the portal shell, a direct link's frame).
 */
export function SiteFooter({ tenantName, framed = false }: { tenantName: string; framed?: boolean }) {
  const lines = (
    <>
      <p>
        © {new Date().getFullYear()} {tenantName}
      </p>
      <p className="powered-by">Powered by Portico</p>
    </>
  );
  return framed ? (
    <footer className="site-footer shell-footer">
      <div className="container footer-inner">{lines}</div>
    </footer>
  ) : (
    <footer className="site-footer">{lines}</footer>
  );
}
