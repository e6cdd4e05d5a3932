package org.conv4j.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser for the subset of Python literal syntax ({@code ast.literal_eval}) that .npy headers
 * use: dicts, tuples, lists, strings in single or double quotes, integers (with the Python 2
 * {@code L} suffix numpy still tolerates), floats, {@code True}, {@code False} and {@code None}.
 *
 * <p>Values map to Java as: dict → {@link Dict} (entries in source order, duplicates kept so the
 * caller can reject them), tuple → {@link Tuple}, list → {@link PyList}, str → {@link String},
 * int → {@link BigInteger} (any size), float → {@link Double}, bool → {@link Boolean}, None →
 * {@link #NONE}. Nesting is limited to {@link #MAX_DEPTH} levels, so hostile input cannot
 * overflow the stack.
 */
final class PyLiteral {
  /** Deepest nesting of containers accepted. */
  static final int MAX_DEPTH = 32;

  /** Longest number accepted (far beyond any real dimension; keeps BigInteger parsing cheap). */
  static final int MAX_NUMBER_CHARS = 400;

  /** Python's {@code None}. */
  static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  /** A dict literal: its key/value pairs in source order. */
  record Dict(List<Object[]> entries) {}

  /** A tuple literal. */
  record Tuple(List<Object> items) {}

  /** A list literal. */
  record PyList(List<Object> items) {}

  /** A syntax error at a character offset of the parsed text. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final String s;
  private int i;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** Parses one literal; only whitespace may follow it. */
  static Object parse(String text) throws SyntaxError {
    PyLiteral p = new PyLiteral(text);
    p.skipSpace();
    if (p.i == text.length()) {
      throw new SyntaxError("the header is empty");
    }
    Object v = p.value(0);
    p.skipSpace();
    if (p.i != text.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the literal");
    }
    return v;
  }

  /** Python's {@code repr} of a parsed value, for messages. */
  static String repr(Object v) {
    if (v instanceof String str) {
      return "'" + str.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Tuple t) {
      StringBuilder sb = new StringBuilder("(");
      join(sb, t.items());
      return sb.append(t.items().size() == 1 ? ",)" : ")").toString();
    }
    if (v instanceof PyList l) {
      StringBuilder sb = new StringBuilder("[");
      join(sb, l.items());
      return sb.append(']').toString();
    }
    if (v instanceof Dict d) {
      StringBuilder sb = new StringBuilder("{");
      for (int k = 0; k < d.entries().size(); k++) {
        sb.append(k > 0 ? ", " : "").append(repr(d.entries().get(k)[0])).append(": ")
            .append(repr(d.entries().get(k)[1]));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  private static void join(StringBuilder sb, List<Object> items) {
    for (int k = 0; k < items.size(); k++) {
      sb.append(k > 0 ? ", " : "").append(repr(items.get(k)));
    }
  }

  private Object value(int depth) throws SyntaxError {
    if (depth >= MAX_DEPTH) {
      throw error("nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
    skipSpace();
    if (i >= s.length()) {
      throw error("unexpected end of the header");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return dict(depth);
      case '(':
        return tuple(depth);
      case '[':
        return list(depth);
      case '\'', '"':
        return string();
      default:
        break;
    }
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      String word = s.substring(start, i);
      switch (word) {
        case "True":
          return Boolean.TRUE;
        case "False":
          return Boolean.FALSE;
        case "None":
          return NONE;
        default:
          i = start;
          throw error("the name '" + word + "' is not a literal");
      }
    }
    throw error("unexpected " + describeHere());
  }

  private Dict dict(int depth) throws SyntaxError {
    i++; // '{'
    List<Object[]> entries = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek() == '}') {
        i++;
        return new Dict(entries);
      }
      Object key = value(depth + 1);
      skipSpace();
      expect(':', "after a dict key");
      Object val = value(depth + 1);
      entries.add(new Object[] {key, val});
      skipSpace();
      if (peek() == ',') {
        i++;
      } else if (peek() != '}') {
        throw error("expected ',' or '}' in a dict but found " + describeHere());
      }
    }
  }

  private Object tuple(int depth) throws SyntaxError {
    i++; // '('
    List<Object> items = new ArrayList<>();
    boolean comma = false;
    while (true) {
      skipSpace();
      if (peek() == ')') {
        i++;
        // (x) is just x in Python; (x,) and () are tuples.
        return items.size() == 1 && !comma ? items.get(0) : new Tuple(items);
      }
      items.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        i++;
        comma = true;
      } else if (peek() != ')') {
        throw error("expected ',' or ')' in a tuple but found " + describeHere());
      }
    }
  }

  private PyList list(int depth) throws SyntaxError {
    i++; // '['
    List<Object> items = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek() == ']') {
        i++;
        return new PyList(items);
      }
      items.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        i++;
      } else if (peek() != ']') {
        throw error("expected ',' or ']' in a list but found " + describeHere());
      }
    }
  }

  private String string() throws SyntaxError {
    int start = i;
    char q = s.charAt(i++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length() || s.charAt(i) == '\n') {
        i = start;
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == q) {
        return sb.toString();
      }
      if (c == '\\' && i < s.length()) {
        char e = s.charAt(i++);
        switch (e) {
          case '\\', '\'', '"' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '0' -> sb.append('\0');
          default -> sb.append('\\').append(e); // Python keeps unknown escapes as written
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Object number() throws SyntaxError {
    int start = i;
    boolean negative = false;
    while (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative ^= s.charAt(i) == '-';
      i++;
      skipSpace();
    }
    int digits = i;
    while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
    }
    boolean isFloat = false;
    if (i < s.length() && s.charAt(i) == '.') {
      isFloat = true;
      i++;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E') && i > digits) {
      isFloat = true;
      i++;
      if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == exp) {
        i = start;
        throw error("malformed number");
      }
    }
    String body = s.substring(digits, i);
    if (body.isEmpty() || body.equals(".")) {
      i = start;
      throw error("malformed number");
    }
    if (body.length() > MAX_NUMBER_CHARS) {
      i = start;
      throw error("number with more than " + MAX_NUMBER_CHARS + " characters");
    }
    if (isFloat) {
      double v = Double.parseDouble(body);
      return negative ? -v : v;
    }
    if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) {
      i++; // Python 2 long suffix, accepted by numpy for version 1.0 and 2.0 headers
    }
    if (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i = start;
      throw error("malformed number");
    }
    BigInteger v = new BigInteger(body);
    return negative ? v.negate() : v;
  }

  private void expect(char c, String where) throws SyntaxError {
    if (peek() != c) {
      throw error("expected '" + c + "' " + where + " but found " + describeHere());
    }
    i++;
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\uffff';
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
        i++;
      } else {
        break;
      }
    }
  }

  private String describeHere() {
    if (i >= s.length()) {
      return "the end of the header";
    }
    char c = s.charAt(i);
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
  }

  private SyntaxError error(String what) {
    return new SyntaxError(what + " at offset " + i);
  }
}
