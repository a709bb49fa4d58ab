// Apache PDFBox Preflight (PDF/A-1b) as one long-lived process for the whole
// test run (test/support/preflight-server.ts starts it; Java is run on this
// source file, which needs no compiler beyond the JRE's). Each line on
// standard input names a PDF; for each, standard output gets the <preflight>
// report Preflight's own "xml" mode writes for that file (XmlResultParser),
// then a line holding only a NUL character.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.activation.FileDataSource;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.pdfbox.preflight.parser.XmlResultParser;
import org.w3c.dom.Element;

public class PreflightServer {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Transformer xml = TransformerFactory.newInstance().newTransformer();
        xml.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        for (String file; (file = in.readLine()) != null; ) {
            String report;
            try {
                Element e = new XmlResultParser().validate(new FileDataSource(file));
                StringWriter w = new StringWriter();
                xml.transform(new DOMSource(e), new StreamResult(w));
                report = w.toString();
            } catch (Exception ex) {
                report = "<failure>" + ex + "</failure>";
            }
            out.print(report + "\n\0\n");
            out.flush();
        }
    }
}
