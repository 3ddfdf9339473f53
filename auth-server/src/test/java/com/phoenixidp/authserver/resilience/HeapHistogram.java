package com.phoenixidp.authserver.resilience;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/** The live heap by class (the JVM's GC.class_histogram), to say what grew when the heap did. */
final class HeapHistogram {

    private HeapHistogram() {}

    /** Bytes of live objects per class name. */
    static Map<String, Long> bytesByClass() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                String[] columns = line.trim().split("\\s+");
                // num: instances bytes class-name (module)
                if (columns.length >= 4 && columns[0].endsWith(":")) {
                    bytes.put(columns[3], Long.parseLong(columns[2]));
                }
            }
        } catch (Exception ex) {
            bytes.put("(no histogram: " + ex + ")", 0L);
        }
        return bytes;
    }

    /** The ten classes whose live bytes grew most since {@code before}. */
    static String grownMost(Map<String, Long> before) {
        Map<String, Long> after = bytesByClass();
        return after.entrySet().stream()
                .map((e) -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(10)
                .map((e) -> e.getKey() + " +" + (e.getValue() / 1024) + " KiB")
                .collect(Collectors.joining(", "));
    }
}
