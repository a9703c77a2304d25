import { Link } from 'react-router'

export function NotFoundPage() {
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <p>
          <Link to="/">Go to the dashboard</Link>
        </p>
      </div>
    </main>
  )
}
