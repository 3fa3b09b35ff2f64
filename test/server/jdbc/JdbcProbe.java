import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Properties;

/**
 * What a BI tool (DBeaver, Metabase) does on connect, printed as "key: value" lines for the test
 * to assert: catalog discovery through DatabaseMetaData, then queries, prepared more times than
 * the driver's prepareThreshold so it switches to named server-side statements and binary results.
 * Usage: java -cp postgresql.jar:. JdbcProbe <jdbc-url> <user> <password>
 */
public class JdbcProbe {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.setProperty("user", args[1]);
    props.setProperty("password", args.length > 2 ? args[2] : "");
    try (Connection conn = DriverManager.getConnection(args[0], props)) {
      DatabaseMetaData md = conn.getMetaData();
      System.out.println("product: " + md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
      System.out.println("readOnly: " + conn.isReadOnly());
      int tables = 0;
      try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables++;
          if (rs.getString("TABLE_NAME").equals("Orders")) {
            System.out.println("table: Orders remarks=" + rs.getString("REMARKS"));
          }
        }
      }
      System.out.println("tables: " + tables);
      try (ResultSet rs = md.getColumns(null, "public", "Products", "%")) {
        while (rs.next()) {
          String name = rs.getString("COLUMN_NAME");
          if (name.equals("Id") || name.equals("Price") || name.equals("IsVisible") || name.equals("DateModified")) {
            System.out.println("column: " + name + " " + rs.getString("TYPE_NAME") + " " + rs.getInt("DATA_TYPE")
                + " nullable=" + rs.getString("IS_NULLABLE"));
          }
        }
      }
      try (ResultSet rs = md.getPrimaryKeys(null, "public", "Products")) {
        while (rs.next()) System.out.println("primaryKey: " + rs.getString("COLUMN_NAME"));
      }
      try (ResultSet rs = md.getImportedKeys(null, "public", "OrderItems")) {
        while (rs.next()) {
          System.out.println("importedKey: " + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME")
              + "." + rs.getString("PKCOLUMN_NAME"));
        }
      }
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT p.\"Id\", p.\"Name\", p.\"Price\", p.\"IsVisible\", p.\"DateModified\" FROM \"public\".\"Products\" p ORDER BY p.\"Id\" LIMIT 2")) {
        ResultSetMetaData rmd = rs.getMetaData();
        System.out.println("resultTypes: " + rmd.getColumnTypeName(1) + "," + rmd.getColumnTypeName(3) + ","
            + rmd.getColumnTypeName(4) + "," + rmd.getColumnTypeName(5));
        while (rs.next()) {
          System.out.println("row: " + rs.getInt(1) + " | " + rs.getString(2) + " | " + rs.getBigDecimal(3) + " | "
              + rs.getBoolean(4) + " | " + rs.getTimestamp(5).toInstant());
        }
      }
      try (PreparedStatement ps = conn.prepareStatement(
          "SELECT \"Id\", \"Price\", \"DateModified\" FROM \"Products\" WHERE \"Id\" = ?")) {
        for (int i = 1; i <= 7; i++) {
          ps.setInt(1, i);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            System.out.println("prepared: " + rs.getInt(1) + " " + rs.getDouble(2) + " " + rs.getTimestamp(3).toInstant());
          }
        }
      }
      try (Statement st = conn.createStatement()) {
        st.executeQuery("SELECT * FROM \"NoSuchTable\"");
      } catch (java.sql.SQLException e) {
        System.out.println("error: " + e.getSQLState());
      }
      conn.setAutoCommit(false);
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM \"Brands\"")) {
        rs.next();
        System.out.println("count: " + rs.getLong(1));
      }
      conn.commit();
    }
  }
}
