// The seat picker lands here (issue 4).
public enum TUIPlaceholder {}
