import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/**
 * What BI tools and JDBC programs do beyond plain queries, printed as "key: value" lines for the
 * test to assert: an array parameter (setArray) for = ANY(?), procedures through the {call}
 * escape, and the procedure catalog (getProcedures, getProcedureColumns).
 * Usage: java -cp postgresql.jar:. JdbcCallProbe <jdbc-url> <user> <password>
 */
public class JdbcCallProbe {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", args[1]);
    props.setProperty("password", args.length > 2 ? args[2] : "");
    try (Connection conn = DriverManager.getConnection(args[0], props)) {
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT \"Id\", \"Name\" FROM \"Products\" WHERE \"Id\" = ANY(?) ORDER BY \"Id\"")) {
        Array ids = conn.createArrayOf("integer", new Integer[] {5, 2, 9});
        ps.setArray(1, ids);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) System.out.println("array: " + rs.getInt(1) + " | " + rs.getString(2));
        }
      }
      try (CallableStatement cs = conn.prepareCall("{call \"GetOAuthAuthorizationURL\"(?, ?, ?)}")) {
        cs.setString(1, "http://cb.example/jdbc");
        cs.setNull(2, java.sql.Types.VARCHAR);
        cs.setString(3, "jdbc-state");
        try (ResultSet rs = cs.executeQuery()) {
          while (rs.next()) System.out.println("call: " + rs.getString("URL") + " | " + rs.getString("State"));
        }
      }
      DatabaseMetaData md = conn.getMetaData();
      try (ResultSet rs = md.getProcedures(null, "public", "%")) {
        while (rs.next()) {
          String remarks = rs.getString("REMARKS");
          System.out.println("procedure: " + rs.getString("PROCEDURE_NAME") + " remarks="
              + (remarks == null ? "null" : remarks.substring(0, Math.min(20, remarks.length()))));
        }
      }
      try (ResultSet rs = md.getProcedureColumns(null, "public", "GetOAuthAuthorizationURL", "%")) {
        while (rs.next()) {
          System.out.println("procedureColumn: " + rs.getString("COLUMN_NAME") + " type=" + rs.getShort("COLUMN_TYPE")
              + " " + rs.getString("TYPE_NAME"));
        }
      }
    }
  }
}
