// The R1CI release, shared by the CLI, the C ABI and the studio's About line.
public enum R1CIVersion {
    public static let string = "0.1.0"
}
