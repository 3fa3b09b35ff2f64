/** `bcsql --demo`: the built-in simulator with the demo store, and the banner that shows what to try. */
import type { Simulator } from '../simulator';
import { simulatorConnectionString } from './simulatorConnection';

export interface Demo {
  sim: Simulator;
  connectionString: string;
  banner: string;
}

export async function startDemo(): Promise<Demo> {
  // Loaded here so that a plain `bcsql` never pays for the simulator.
  const { startSimulator, SIMULATOR_DEFAULTS } = await import('../simulator');
  const sim = await startSimulator();
  const size = `${SIMULATOR_DEFAULTS.products} products, ${SIMULATOR_DEFAULTS.customers} customers, ${SIMULATOR_DEFAULTS.orders} orders`;
  const banner = [
    `bcsql demo: a simulated BigCommerce store (${sim.storeHash}: ${size}) at ${sim.apiBaseUrl}.`,
    'Nothing leaves this machine. Statements end with ";". Try:',
    '',
    '  SELECT Id, Name, Price FROM Products WHERE Price > 50 ORDER BY Price DESC LIMIT 5;',
    '  SELECT c.Email, COUNT(*) AS Orders, SUM(o.TotalIncTax) AS Spent',
    '    FROM Customers c JOIN Orders o ON o.CustomerId = c.Id',
    '    GROUP BY c.Email ORDER BY Spent DESC LIMIT 5;',
    '  SELECT p.Name, v.Sku, v.Price FROM ProductVariants v JOIN Products p ON p.Id = v.ProductId LIMIT 10;',
    '  EXEC GetOAuthAuthorizationURL;',
    '    -- open the URL, approve, copy code=… from the address bar, then:',
    "  EXEC GetOAuthAccessToken AuthMode='WEB', Verifier='<code>';",
    '',
    '  \\tables   \\d Products   \\procedures   \\timing   \\help   \\q',
    '',
  ].join('\n');
  return { sim, connectionString: simulatorConnectionString(sim), banner };
}
