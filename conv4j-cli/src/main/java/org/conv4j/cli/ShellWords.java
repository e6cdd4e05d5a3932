// Splits a batch-file line into arguments the way a POSIX shell would (quotes, backslashes, #).
package org.conv4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Shell-like word splitting for {@code --batch} lines: blanks separate words; {@code '...'} keeps
 * its content literally; {@code "..."} keeps its content, where a backslash escapes {@code "},
 * {@code \}, {@code $} and {@code `}; outside quotes a backslash escapes the next character; an
 * unquoted {@code #} at the start of a word starts a comment. No variables, globs or substitutions.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote at column " + (i + 1));
        }
        w.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        int start = i;
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(
                "unterminated double quote at column " + (start + 1));
          }
          char d = line.charAt(i);
          if (d == '"') {
            i++;
            break;
          }
          if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            w.append(line.charAt(i + 1));
            i += 2;
          } else {
            w.append(d);
            i++;
          }
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new IllegalArgumentException("line ends with a backslash (no line continuation)");
        }
        w.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        w.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
