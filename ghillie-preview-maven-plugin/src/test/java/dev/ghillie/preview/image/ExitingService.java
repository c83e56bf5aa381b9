package dev.ghillie.preview.image;

/** A service that cannot start, the way one does when it needs something the training run does not give it. */
public final class ExitingService {

    public static void main(String[] args) {
        System.out.println("starting");
        System.out.println("DATABASE_URL is not set: cannot start");
        System.exit(3);
    }
}
